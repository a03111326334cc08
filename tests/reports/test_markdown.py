"""Section text is Markdown (contract): parsed by markdown-it-py into blocks, printed as real flowables."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Section
from finsam_desktop.reports.blocks import (
    Bullets,
    Chapter,
    Footnotes,
    Heading,
    ItemList,
    Report,
    Rich,
    Span,
    Table,
    Text,
)
from finsam_desktop.reports.markdown import Notes, markdown_blocks
from finsam_desktop.reports.pdf import render_report, rich_markup, write_report_pdf
from tests.conftest import load_plan


def spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_headings_map_hash_to_level_two_and_deeper_to_four():
    blocks = markdown_blocks("# Ett\n\n## Två\n\n### Tre\n\n#### Fyra\n\n###### Sex\n")
    assert [(b.text, b.level) for b in blocks] == [("Ett", 2), ("Två", 2), ("Tre", 3), ("Fyra", 4),
                                                    ("Sex", 4)]
    assert all(b.outline for b in blocks)


def test_emphasis_links_and_hard_breaks_become_spans():
    (block,) = markdown_blocks("a **fet** *kursiv* [l](https://x.se) [m](mailto:a@b.se) "
                               "[j](javascript:alert(1)) [f](ftp://x)  \nnästa\\\nsista")
    assert Span("fet", bold=True) in block.spans
    assert Span("kursiv", italic=True) in block.spans
    assert Span("l", link="https://x.se") in block.spans
    assert Span("m", link="mailto:a@b.se") in block.spans
    assert not any(s.link.startswith(("javascript", "ftp")) for s in block.spans)
    text = "".join(s.text for s in block.spans)
    assert "[j](javascript:alert(1))" in text and "f" in text
    assert [s.text for s in block.spans].count("\n") == 2


def test_raw_html_and_images_print_literally():
    (block,) = markdown_blocks('<b>fet?</b> <font size="40">x</font> ![logga](bild.png)')
    text = "".join(s.text for s in block.spans)
    assert text == '<b>fet?</b> <font size="40">x</font> ![logga](bild.png)'
    assert not any(s.bold for s in block.spans)


def test_nested_lists_keep_their_numbers_and_structure():
    (block,) = markdown_blocks("3. tre\n   - inre\n     1. djup\n4. fyra\n")
    assert isinstance(block, ItemList) and block.ordered and block.start == 3
    first, second = block.items
    assert first[0] == Rich((Span("tre"),))
    inner = first[1]
    assert isinstance(inner, ItemList) and not inner.ordered
    assert isinstance(inner.items[0][1], ItemList) and inner.items[0][1].ordered
    assert second == (Rich((Span("fyra"),)),)


def test_pipe_tables_become_report_tables_with_right_aligned_columns_numeric():
    (table,) = markdown_blocks("| Kommun | Befolkning |\n|---|---:|\n| Motala | 43 505 |\n| Mjölby |\n")
    assert isinstance(table, Table)
    assert [(c.title, c.numeric) for c in table.columns] == [("Kommun", False), ("Befolkning", True)]
    assert [r.cells for r in table.rows] == [("Motala", "43 505"), ("Mjölby", "")]


def test_footnotes_are_numbered_per_chapter_across_text_pieces():
    notes = Notes()
    first = markdown_blocks("Ett[^a].\n\n[^a]: Första.", notes)
    second = markdown_blocks("Två[^a] och tre[^b].\n\n[^a]: Andra.\n[^b]: Tredje.", notes)
    refs = [s.text for b in first + second for s in b.spans if s.note]
    assert refs == ["1", "2", "3"]
    block = notes.block()
    assert isinstance(block, Footnotes)
    assert [(n, "".join(s.text for s in parts[0].spans)) for n, parts in block.notes] == \
        [(1, "Första."), (2, "Andra."), (3, "Tredje.")]


def test_markup_escapes_every_string_and_only_allowed_links_become_anchors():
    markup = rich_markup((Span("<b>&"), Span("x", bold=True, italic=True),
                          Span("l", link='https://a.se/?q="1"&b=<2>'), Span("\n"), Span("1", note=True)))
    assert markup.startswith("&lt;b&gt;&amp;<b><i>x</i></b>")
    assert 'href="https://a.se/?q=&quot;1&quot;&amp;b=&lt;2&gt;"' in markup
    assert "<br/>" in markup and "<super>1</super>" in markup


def _plain_report(blocks) -> Report:
    return Report("Förbundet", "Verksamhetsplan och budget 2026", chapters=(Chapter("Text", blocks),))


def _content(path) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(str(path)).pages]


def test_first_release_text_prints_exactly_as_the_first_release_printed_it(tmp_path):
    text = "Första stycket\nfortsätter.\n\nAndra.\n- ett\n- två\n\nSista & <b>"
    old = (Text("Första stycket fortsätter."), Text("Andra."), Bullets(("ett", "två")),
           Text("Sista & <b>"))
    write_report_pdf(_plain_report(old), tmp_path / "old.pdf")
    write_report_pdf(_plain_report(tuple(markdown_blocks(text))), tmp_path / "new.pdf")
    assert _content(tmp_path / "old.pdf") == _content(tmp_path / "new.pdf")


DOCUMENT = """Inledning med **fet** och *kursiv* text.

## Underrubrik A

- punkt ett
  - inre punkt
- punkt två[^1]

### Underrubrik B

#### Underrubrik C

Slut.

[^1]: En fotnot.
"""


def _render(plan, path):
    render_report(plan, compute(plan), path)
    reader = PdfReader(str(path))
    return reader, [page.extract_text() for page in reader.pages]


def test_rich_text_reaches_the_pdf_with_headings_in_contents_outline_and_italic_fonts(tmp_path):
    plan = replace(load_plan("skaraborg-2026"),
                   sections=(Section(1, "Bakgrund", DOCUMENT), Section(2, "Nästa kapitel", "Text.")))
    reader, pages = _render(plan, tmp_path / "plan.pdf")
    text = spaced(" ".join(pages))
    order = ["1 Bakgrund Inledning med", "Underrubrik A", "punkt ett", "inre punkt", "Underrubrik B",
             "Underrubrik C", "Slut.", "En fotnot.", "Nästa kapitel"]
    positions = [text.find(word, text.find("1 Bakgrund Inledning")) for word in order]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    contents = spaced(pages[1])
    assert "Underrubrik A" in contents and "Underrubrik B" in contents
    assert "Underrubrik C" not in contents  # level 4: outline only
    outline = reader.outline
    chapter = outline.index(next(o for o in outline if not isinstance(o, list)
                                 and o.title == "1 Bakgrund"))
    children = outline[chapter + 1]
    assert isinstance(children, list) and children[0].title == "Underrubrik A"
    assert isinstance(children[1], list) and children[1][0].title == "Underrubrik B"
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"} <= fonts


def test_a_fourth_level_straight_under_a_chapter_still_gives_a_valid_outline(tmp_path):
    plan = replace(load_plan("skaraborg-2026"),
                   sections=(Section(1, "Kapitel", "#### Djup\n\ntext\n\n## Grund\n"),))
    reader, _ = _render(plan, tmp_path / "plan.pdf")
    titles = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((item.title, depth))
    walk(reader.outline, 0)
    assert ("Djup", 1) in titles and ("Grund", 1) in titles


HOSTILE = [
    "<b>fet</b> <font name=x>y</font> <para> &amp; &#0; <br/> <img src='/etc/passwd'/>",
    "kontroll\x00tecken\x01och\x1b[31mfärg\x7f\x9b",
    "x" * 10_000,
    ("ord " * 3000 + "\n\n") * 3,
    "- " + "y" * 5000 + "\n  - " + "z" * 5000,
    "| " + "a" * 1600 + " | b |\n|---|---|\n| " + "c" * 20000 + " | d |",
    "#" + " rubrik" * 2000,
    "[^1]\n\n[^1]: " + "w" * 8000,
    "*" * 5000 + "_" * 5000 + "[" * 3000 + "`" * 2000,
    "> " * 500 + "djup",
    "- " * 500 + "lista",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_prints_literally_and_never_breaks_the_page(text, tmp_path):
    plan = replace(load_plan("skaraborg-2026"), sections=(Section(1, "Rubrik " + text[:200], text),))
    _, pages = _render(plan, tmp_path / "plan.pdf")
    joined = "".join(pages)
    if text.startswith("<b>"):
        assert "<b>fet</b>" in joined and "<font name=x>y</font>" in joined
    if text.startswith("kontroll"):
        assert "kontroll\ufffdtecken" in joined


def test_a_heading_level_block_is_a_heading_not_an_outline_entry_when_generated():
    assert Heading("Iakttagelser").outline is False


@pytest.mark.parametrize("text, faces", [("Rak text, **fet**.", (False, False)),
                                         ("Lite *kursiv* och **fet** text.", (True, False)),
                                         ("- punkt med ***fet kursiv*** text", (True, True))])
def test_a_report_loads_only_the_slanted_faces_its_text_sets(text, faces):
    from finsam_desktop.reports.content import build_report
    from finsam_desktop.reports.narrative_pdf import slanted_faces
    plan = replace(load_plan("sormland-2026"), sections=(Section(1, "Kapitel", text),))
    assert slanted_faces(build_report(plan, compute(plan))) == faces


def test_bold_italic_text_prints_in_the_bold_oblique_face(tmp_path):
    plan = replace(load_plan("sormland-2026"),
                   sections=(Section(1, "Kapitel", "Text med ***fet kursiv*** del."),))
    reader, pages = _render(plan, tmp_path / "plan.pdf")
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert "DejaVuSans-BoldOblique" in fonts and "fet kursiv" in " ".join(pages)
