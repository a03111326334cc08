"""The report is a tagged PDF (PDF/UA-1): the pdfua checker finds nothing, and the tree,
read back with pikepdf, covers every page, reads in the document's order, and says
what the tables, figures, lists and headings are."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pikepdf
import pytest
from pdfua import validate

from finsam_desktop.domain.money import format_money
from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Section
from finsam_desktop.reports.content import build_report
from finsam_desktop.reports.pdf import render_report
from tests.conftest import PLAN_NAMES, load_plan
from tests.reports.tagging_reader import TaggedPdf
from tests.reports.test_pdf import hostile_plan

CONTROL = "Tab\there\x07bell\x1bescape"


def very_hostile_plan():
    """The report tests' hostile plan and more: bullets, markup, control characters."""
    plan = hostile_plan()
    text = ("Stycke med <i>markup</i> & ]]> \"citat\" och " + "ordordord" * 40 + "\n\n"
            f"- punkt ett {CONTROL}\n- punkt två med ett mycket långt ord "
            + "x" * 400 + "\n\nSista stycket.")
    section = Section(id=plan.next_id() + 5, title="Lista & <tabell>", text=text)
    return replace(plan, sections=plan.sections + (section,))


MARKDOWN = """Inledning med **fet**, *kursiv* och en [länk till planen](https://example.org/plan)
som bryts över flera rader i ett långt stycke om samordning, rehabilitering och arbete
för personer som står långt från arbetsmarknaden.[^1]

## Bakgrund & <mål>

### Tredje nivån

#### Fjärde nivån

- Första punkten med text som är lång nog att brytas över två rader i rapporten och mer
  - Inre punkt ett
  - Inre punkt två
- Andra punkten

1. Ett
2. Två

| Aktör | Andel |
|---|---:|
| Kommunerna | 25 % |
| Regionen | 25 % |

Sista stycket <b>inte fet</b> & AT&T.

[^1]: Fotnoten med källan.
"""


def document_plan():
    """A written document: rich Markdown, every generated block, a chart's own /Alt, a logo."""
    from finsam_desktop.domain.plan import BLOCK_KINDS, Cover
    from tests.reports.test_document import PNG
    plan = load_plan("skaraborg-2026")
    sections = [Section(1, "Vilka är vi?", MARKDOWN)]
    for number, kind in enumerate(BLOCK_KINDS, start=2):
        sections.append(Section(number, kind="block", block=kind,
                                alt_text=OWN_ALT if kind == "chart_areas" else ""))
    sections.append(Section(99, "Avslutning", "Slutord."))
    return replace(plan, sections=tuple(sections),
                   cover=Cover(title="Verksamhetsplan 2026", logo=PNG, logo_type="image/png"))


OWN_ALT = "Stapeldiagram över insatsmedel per område, skrivet av kansliet."


def synthetic():
    from benchmarks.synthetic import synthetic_plan
    return synthetic_plan()


PLANS = {name: (lambda name=name: load_plan(name)) for name in PLAN_NAMES}
PLANS["synthetic"] = synthetic
PLANS["hostile"] = very_hostile_plan
PLANS["document"] = document_plan


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each plan's report, made once: name -> (plan, path)."""
    folder = tmp_path_factory.mktemp("tagged")
    cache: dict = {}

    def get(name: str):
        if name not in cache:
            plan = PLANS[name]()
            path = folder / f"{name}.pdf"
            render_report(plan, compute(plan), path)
            cache[name] = (plan, path)
        return cache[name]
    return get


@pytest.mark.parametrize("name", PLANS)
def test_the_pdfua_checker_finds_nothing_and_skips_nothing(name, rendered):
    _, path = rendered(name)
    report = validate(str(path))
    assert [(f.rule_id, f.message, f.location.describe()) for f in report.findings] == []
    assert [(o.rule_id, o.skipped_reason) for o in report.skipped] == []


@pytest.mark.parametrize("name", PLANS)
def test_every_page_is_tagged_or_artifact_and_the_tree_holds_every_mcid(name, rendered):
    _, path = rendered(name)
    pdf = TaggedPdf(path)
    for page, unmarked in enumerate(pdf.unmarked, start=1):
        assert unmarked == [], f"page {page}: {unmarked[:5]}"
    in_content = {(page, mcid) for page, mcids in enumerate(pdf.mcids) for mcid in mcids}
    in_tree = list(pdf.root.mcids())
    assert len(in_tree) == len(set(in_tree))
    assert set(in_tree) == in_content
    for mcids in pdf.mcids:
        assert mcids == list(range(len(mcids)))  # numbered 0.. in drawing order
    # the parent tree finds each MCID's element
    nums = list(pdf.pdf.Root.StructTreeRoot.ParentTree.Nums)
    parents = dict(zip(nums[::2], nums[1::2], strict=True))
    by_obj = {e.obj.objgen: e for e in pdf.elements()}
    for number, page in enumerate(pdf.pdf.pages):
        array = parents[int(page.StructParents)]
        assert len(array) == len(pdf.mcids[number])
        for mcid, element in enumerate(array):
            assert (number, mcid) in set(by_obj[element.objgen].mcids())


@pytest.mark.parametrize("name", PLANS)
def test_the_text_in_tag_order_is_the_visible_text_in_reading_order(name, rendered):
    _, path = rendered(name)
    pdf = TaggedPdf(path)
    tagged, visible = pdf.tagged_text().split(), pdf.visible_text().split()
    assert len(tagged) > 100
    # strict=False: show the first word that differs; the lengths are compared below
    for index, (a, b) in enumerate(zip(tagged, visible, strict=False)):
        assert a == b, (index, " ".join(tagged[index - 8:index + 8]),
                        " ".join(visible[index - 8:index + 8]))
    assert len(tagged) == len(visible)


@pytest.mark.parametrize("name", PLANS)
def test_tables_have_one_header_row_of_scoped_header_cells(name, rendered):
    plan, path = rendered(name)
    pdf = TaggedPdf(path)
    tables = pdf.elements("Table")
    report = build_report(plan, compute(plan))
    expected = sum(1 for chapter in report.chapters for block in chapter.blocks
                   if type(block).__name__ == "Table")
    assert len(tables) == expected
    for table in tables:
        heads = [c for c in table.children if c.role == "THead"]
        assert len(heads) == 1
        rows = [r for r in heads[0].children if r.role == "TR"]
        assert len(rows) == 1
        cells = rows[0].children
        assert cells and all(c.role == "TH" for c in cells)
        assert all(c.obj.A.Scope == "/Column" and c.obj.A.O == "/Table" for c in cells)
        bodies = [c for c in table.children if c.role == "TBody"]
        assert len(bodies) <= 1
        for row in bodies[0].children if bodies else ():
            assert row.role == "TR" and all(c.role == "TD" for c in row.children)


@pytest.mark.parametrize("name", PLANS)
def test_figures_say_in_words_what_the_charts_show(name, rendered):
    plan, path = rendered(name)
    outcome = compute(plan)
    pdf = TaggedPdf(path)
    alts = [str(figure.obj.Alt) for figure in pdf.elements("Figure")]
    equity = [alt for alt in alts if alt.startswith("Diagram: Utgående eget kapital")]
    placed = [s.block for s in plan.sections if s.kind == "block"]
    if placed and "chart_equity" not in placed:  # a document that places no equity chart
        assert not equity
        return
    assert len(equity) == 1
    equity = equity[0]
    for year in plan.years:
        amount = format_money(outcome.years[year].closing_equity, plan.unit, with_unit=True)
        assert f"{year}: Utgående eget kapital {amount.replace(chr(160), ' ')}" in equity


@pytest.mark.parametrize("name", PLANS)
def test_headings_never_skip_a_level_and_the_contents_are_a_toc(name, rendered):
    plan, path = rendered(name)
    pdf = TaggedPdf(path)
    levels = [int(e.role[1]) for e in pdf.elements() if re.fullmatch(r"H[1-6]", e.role)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    toc = pdf.elements("TOC")
    assert len(toc) == 1
    texts = pdf.mcid_text()
    entries = [" ".join("".join(texts[k] for k in item.mcids()).split()) for item in toc[0].children]
    assert {item.role for item in toc[0].children} == {"TOCI"}
    headings = [" ".join("".join(texts[k] for k in e.mcids()).split())
                for e in pdf.elements("H1", "H2", "H3")]
    # a long word wraps at a different place in a heading and in its contents line
    flat = [entry.replace(" ", "") for entry in entries]
    listed = [h for h in headings if any(f.startswith(h.replace(" ", "")[:200]) for f in flat)]
    assert len(entries) == len(listed)  # one TOCI per listed heading, each with its page number
    assert all(re.search(r" \d+$", entry) for entry in entries)
    chapters = [c for c in build_report(plan, compute(plan)).chapters if c.title]
    assert levels.count(1) == len(chapters) + 1  # and "Innehåll"


def test_a_written_document_tags_its_headings_lists_notes_links_logo_and_own_alt(rendered):
    plan, path = rendered("document")
    pdf = TaggedPdf(path)
    texts = pdf.mcid_text()

    def text(element):
        return " ".join(" ".join(texts.get(k, "") for k in element.mcids()).split())
    roles = [e.role for e in pdf.elements()]
    for role in ("H2", "H3", "H4", "L", "LI", "Lbl", "LBody", "Note", "Link", "Figure", "Table"):
        assert role in roles, role
    assert [text(e) for e in pdf.elements("H2")][0] == "Bakgrund & <mål>"
    nested = [e for e in pdf.elements("L") if e.parent.role == "LBody"]
    assert [text(item) for item in nested[0].children] == ["◦ Inre punkt ett", "◦ Inre punkt två"]
    assert "Fotnoten med källan." in " ".join(text(e) for e in pdf.elements("Note"))
    link = pdf.elements("Link")[0]
    assert link.parent.role == "P" and "example.org/plan" in str(link.children[0][1].Contents)
    alts = [str(e.obj.Alt) for e in pdf.elements("Figure")]
    assert alts[0] == f"Logotyp: {plan.association}"
    assert OWN_ALT in alts and any(a.startswith("Diagram: Utgående eget kapital") for a in alts)
    markdown_table = [t for t in pdf.elements("Table")
                      if text(t.children[0]) == "Aktör Andel"]
    assert len(markdown_table) == 1


def test_bullets_are_lists_with_labels_and_bodies(rendered):
    _, path = rendered("hostile")
    pdf = TaggedPdf(path)
    lists = pdf.elements("L")
    assert lists
    texts = pdf.mcid_text()
    for element in lists:
        for item in element.children:
            assert item.role == "LI"
            assert [c.role for c in item.children] == ["Lbl", "LBody"]
            label = "".join(texts[key] for key in item.children[0].mcids())
            assert label.strip() == "•"
    bodies = " ".join(texts[k] for e in pdf.elements("LBody") for k in e.mcids())
    assert "punkt två med ett mycket långt ord" in bodies


@pytest.mark.parametrize("name", ["skaraborg-2026", "hostile"])
def test_catalog_and_metadata_declare_a_swedish_pdf_ua_document(name, rendered):
    plan, path = rendered(name)
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert pdf.pdf_version == "1.7"
        assert str(root.Lang) == "sv-SE"
        assert root.MarkInfo.Marked is True
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert root.PageMode == "/UseOutlines"
        assert root.StructTreeRoot.K.S == "/Document"
        meta = pdf.open_metadata()
        title = str(pdf.docinfo.Title)
        assert plan.association.split()[0] in title
        assert meta["dc:title"] == title
        assert "sv-SE" in str(meta.get("dc:language"))
        assert meta["pdfuaid:part"] == "1"
        for page in pdf.pages:
            assert page.Tabs == "/S"


def test_a_link_is_a_link_element_with_its_annotation_and_a_description(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from finsam_desktop.reports.fonts import register_fonts
    from finsam_desktop.reports.tagging import TaggedCanvas
    from finsam_desktop.reports.tagging_story import tag_story
    font = register_fonts()
    style = ParagraphStyle("body", fontName=font)
    path = tmp_path / "link.pdf"
    story = [Paragraph("Rubrik", ParagraphStyle("h1", fontName=font)),
             Paragraph('Läs <a href="https://example.org/plan">planen</a> här.', style)]
    SimpleDocTemplate(str(path), pagesize=A4, title="Länk").build(
        tag_story(story), canvasmaker=TaggedCanvas)
    assert validate(str(path)).findings == ()
    pdf = TaggedPdf(path)
    links = pdf.elements("Link")
    assert len(links) == 1 and links[0].parent.role == "P"
    annotation = links[0].children[0][1]
    assert annotation.Subtype == "/Link" and "example.org/plan" in str(annotation.Contents)
    parents = dict(zip(*[iter(pdf.pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2, strict=True))
    assert parents[int(annotation.StructParent)].objgen == links[0].obj.objgen
