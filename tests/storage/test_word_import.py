"""Word documents and pasted HTML into the plan's Markdown chapters (mammoth, real .docx)."""

from __future__ import annotations

import pytest

from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.word_import import html_to_markdown, read_docx, split_chapters

from .docx_files import seed_like_docx


def test_a_word_document_becomes_chapters_with_their_formatting(tmp_path):
    chapters = read_docx(seed_like_docx(tmp_path / "plan.docx"))
    assert [title for title, _ in chapters] == ["Inledning", "Bakgrund", "Verksamhetsmål"]
    assert chapters[0][1] == "Verksamhetsplan 2026\n"
    assert chapters[1][1] == (
        "Samordningsförbundet bildades **den 1 januari 2015** och är en *fristående* "
        "organisation.\n\n## Organisation\n\nKansliet består av:\n\n"
        "- en förbundschef\n- en verksamhetsutvecklare\n  - på halvtid\n")
    assert chapters[2][1] == (
        "### Uppföljning\n\n1. Besluta om mål\n2. Stödja samverkan\n\n"
        "| Kommun | Andel |\n|---|---|\n| Motala | 48,1 % |\n| Mjölby | 31,7 % |\n")


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04broken"])
def test_a_file_that_is_no_word_document_is_refused_in_swedish(tmp_path, content):
    path = tmp_path / "fel.docx"
    path.write_bytes(content)
    with pytest.raises(PlanFileError, match="fel.docx"):
        read_docx(path)
    assert path.read_bytes() == content
    with pytest.raises(PlanFileError, match="kunde inte läsas"):
        read_docx(tmp_path / "saknas.docx")


def test_pasted_html_keeps_headings_lists_emphasis_links_and_drops_the_rest():
    html = """<html><head><style>p {color: red}</style><title>x</title></head><body>
      <h1>Rubrik</h1><p style="font-size:30px">Ett <b>fett</b> och <span style="font-style:
      italic">kursivt</span> ord, <a href="https://finsam.se">länk</a>,
      <a href="javascript:alert(1)">farlig</a><br>ny rad.</p>
      <script>alert("x")</script><img src="x.png">
      <h3>Under</h3><ol><li>ett<ul><li>inre</li></ul></li><li>två</li></ol>
      <p>5 * 3 &lt;b&gt; 2026. </p></body></html>"""
    assert html_to_markdown(html) == (
        "# Rubrik\n\nEtt **fett** och *kursivt* ord, [länk](https://finsam.se), farlig\\\n"
        "ny rad.\n\n### Under\n\n1. ett\n   - inre\n2. två\n\n5 \\* 3 \\<b> 2026.\n")


def test_split_chapters_keeps_lower_headings_inside():
    chapters = split_chapters("# Ett\n\ntext\n\n## Under\n\n# Två\n")
    assert chapters == [("Ett", "text\n\n## Under\n"), ("Två", "")]
    assert split_chapters("") == []


def test_lists_pasted_from_word_stay_lists():
    """Word puts list paragraphs on the clipboard as <p> with mso-list and a typed bullet."""
    def item(level: int, marker: str, text: str) -> str:
        return (f"<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 "
                f"level{level} lfo1'><![if !supportLists]><span style='font-family:Symbol'>"
                f"{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span>"
                f"</span><![endif]>{text}</p>")
    html = ("<html><body><!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->"
            "<h2>Mål</h2>" + item(1, "·", "samverkan") + item(2, "o", "<b>lokalt</b>")
            + item(1, "·", "hälsa") + "<p class=MsoNormal>Sedan text.</p>"
            + item(1, "1.", "ett") + item(1, "2.", "två") + "</body></html>")
    assert html_to_markdown(html) == ("## Mål\n\n- samverkan\n  - **lokalt**\n- hälsa\n\n"
                                      "Sedan text.\n\n1. ett\n2. två\n")
