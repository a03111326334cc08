"""Markdown in and out of the editor's QTextDocument: nothing of the contract's Markdown lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from finsam_desktop.ui.document_markdown import load_markdown, same_markdown
from finsam_desktop.ui.document_markdown_write import to_markdown

DOCS = sorted((Path(__file__).parent / "markdown_docs").glob("*.md"))


def round_trip(text: str) -> str:
    document = QTextDocument()
    load_markdown(document, text)
    return to_markdown(document)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_seed_documents_survive_the_editor(path, qapp):
    text = path.read_text(encoding="utf-8")
    once = round_trip(text)
    assert same_markdown(once, text), once
    assert round_trip(once) == once  # stable: loading and saving again changes nothing


def test_what_qt_own_markdown_loses_is_kept(qapp):
    text = ("Rad ett\\\nrad två och <b>html</b> och \\*stjärnor\\* och [^1].\n\n"
            "[^1]: Fotnoten.\n")
    once = round_trip(text)
    assert same_markdown(once, text), once
    document = QTextDocument()
    load_markdown(document, text)
    assert document.blockCount() == 2  # the hard break stays inside its paragraph


@pytest.mark.parametrize("typed", ["5 * 3 och a_b", "# inte rubrik", "- inte punkt",
                                   "2026. inte lista", "[inte länk](x)", "<https://x.se>",
                                   "&amp; är inte &", "`inte kod`", "> inte citat",
                                   "    inte kodblock"])
def test_typed_characters_stay_text(typed, qapp):
    document = QTextDocument()
    document.setPlainText(typed)
    written = to_markdown(document)
    assert round_trip(written) == written
    reread = QTextDocument()
    load_markdown(reread, written)
    assert reread.toPlainText() == typed.strip()


def test_empty_document_is_empty_text(qapp):
    assert to_markdown(QTextDocument()) == ""
    assert round_trip("") == ""


from finsam_desktop.resources import EXAMPLES as EXAMPLE_FOLDER  # noqa: E402

EXAMPLES = sorted(EXAMPLE_FOLDER.glob("*.plan.json"))
assert len(EXAMPLES) == 4


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_bundled_example_texts_survive_the_editor(path, qapp):
    """Every chapter and goal text of the bundled plans, opened and saved by the editor."""
    import json

    from finsam_desktop.domain.exchange import plan_from_document
    plan = plan_from_document(json.loads(path.read_text(encoding="utf-8")))
    texts = [s.text for s in plan.sections] + [g.text for g in plan.goals]
    for text in texts:  # grows as the examples are rebuilt as the seed documents
        assert same_markdown(round_trip(text), text), text
