"""Edits of the document outline, cover, labels and nested goals: pure, refusing in Swedish."""

from __future__ import annotations

import pytest

from finsam_desktop.domain import document_edits as de
from finsam_desktop.domain.edits import EditError
from finsam_desktop.domain.plan import Goal, Indicator, Plan, Section

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 20


def plan_with(*sections: Section) -> Plan:
    return Plan(association="Test", plan_year=2026, sections=sections)


def chapter(ident: int, title: str = "Kapitel", text: str = "") -> Section:
    return Section(id=ident, title=title, text=text)


def test_split_places_the_block_at_the_cursor_with_the_rest_as_text():
    plan = plan_with(chapter(1, "Ekonomi", "Före\n\nEfter"), chapter(2, "Mål"))
    new, block_id = de.split_and_insert_block(plan, 1, "members", "Före\n", "Efter\n")
    kinds = [(s.kind, s.text, s.block) for s in new.sections]
    assert kinds == [("chapter", "Före\n", ""), ("block", "", "members"),
                     ("text", "Efter\n", ""), ("chapter", "", "")]
    assert new.sections[1].id == block_id and new.sections[0].title == "Ekonomi"
    assert len({s.id for s in new.sections}) == 4
    assert plan.sections[0].text == "Före\n\nEfter"  # the old plan is untouched


def test_split_at_the_end_adds_no_empty_text_item():
    plan = plan_with(chapter(1, "Ekonomi", "Text"))
    new, _ = de.split_and_insert_block(plan, 1, "economy", "Text", "  \n")
    assert [s.kind for s in new.sections] == ["chapter", "block"]


def test_unknown_block_and_block_before_any_chapter_are_refused():
    plan = plan_with(chapter(1))
    with pytest.raises(EditError, match="Okänd tabell"):
        de.insert_block(plan, "pie", 1)
    with pytest.raises(EditError, match="kapitel"):
        de.insert_block(plan, "members", 0)
    with pytest.raises(EditError, match="kapitel"):
        de.insert_block(plan_with(), "members")


def test_moving_a_block_above_the_first_chapter_is_refused():
    plan, block = de.insert_block(plan_with(chapter(1), chapter(2)), "keys", 1)
    with pytest.raises(EditError, match="börja med ett kapitel"):
        de.move_section(plan, block, 0)
    moved = de.move_section(plan, block, 2)
    assert [s.id for s in moved.sections] == [1, 2, block]
    with pytest.raises(EditError, match="börja med ett kapitel"):
        de.remove_section(plan, 1)


def test_included_block_title_and_alt_text():
    plan, block = de.insert_block(plan_with(chapter(1)), "chart_equity")
    plan = de.set_included(plan, block, False)
    plan = de.set_block_title(plan, block, "")
    plan = de.set_alt_text(plan, block, "Kapitalet sjunker till 2 mkr.")
    item = plan.sections[1]
    assert (item.included, item.block_title, item.alt_text) == (False, "", "Kapitalet sjunker till 2 mkr.")
    with pytest.raises(EditError, match="diagram"):
        de.set_alt_text(plan, 1, "x")
    with pytest.raises(EditError, match="ingen egen text"):
        de.set_text(plan, block, "x")
    with pytest.raises(EditError, match="tom"):
        de.set_title(plan, 1, "  ")


def test_import_appends_or_replaces_the_text_keeping_blocks():
    plan, block = de.insert_block(plan_with(chapter(1, "Gammal")), "members")
    chapters = [("Bakgrund", "Text **fet**"), ("", "Utan rubrik")]
    appended = de.import_chapters(plan, chapters)
    assert [s.title or s.block for s in appended.sections] == ["Gammal", "members", "Bakgrund",
                                                                "Inledning"]
    replaced = de.import_chapters(plan, chapters, replace_text=True)
    assert [s.title or s.block for s in replaced.sections] == ["Bakgrund", "Inledning", "members"]
    assert replaced.sections[2].id == block
    with pytest.raises(EditError, match="ingen text"):
        de.import_chapters(plan, [])


def test_cover_logo_and_labels():
    plan = plan_with()
    plan = de.set_cover(plan, title="Verksamhetsplan 2026", note="Beslutad 2025-11-25, § 47")
    assert plan.cover.title == "Verksamhetsplan 2026" and plan.cover.subtitle == ""
    assert de.set_logo(plan, PNG).cover.logo_type == "image/png"
    assert de.set_logo(plan, JPEG).cover.logo_type == "image/jpeg"
    assert de.set_logo(de.set_logo(plan, PNG), b"").cover.logo == b""
    with pytest.raises(EditError, match="PNG- eller JPEG"):
        de.set_logo(plan, b"GIF89a....")
    with pytest.raises(EditError, match="för stor"):
        de.set_logo(plan, PNG + b"\0" * de.MAX_LOGO_BYTES)
    with pytest.raises(EditError, match="finns inte"):
        de.set_cover(plan, logo="x")
    plan = de.set_area_label(plan, "struktur", " Strukturinriktade insatser ")
    assert plan.labels.area("struktur") == "Strukturinriktade insatser"
    assert de.set_area_label(plan, "struktur", "").labels.area("struktur") == \
        "Strukturövergripande insatser"
    with pytest.raises(EditError, match="Okänt område"):
        de.set_area_label(plan, "annat", "x")


def test_two_areas_never_get_one_name():
    """A typed area, the filter and the report's subtotals tell areas apart by name."""
    plan = de.set_area_label(Plan(association="Test", plan_year=2026), "struktur", "Individ")
    with pytest.raises(EditError, match="heter redan ”individ”"):
        de.set_area_label(plan, "individ", "individ")
    with pytest.raises(EditError, match="heter redan ”Individinriktade insatser”"):
        de.set_area_label(plan, "ovrigt", "Individinriktade insatser")  # individ's default
    plan = de.set_area_label(plan, "individ", "Individstöd")
    plan = de.set_area_label(plan, "ovrigt", "Individinriktade insatser")
    with pytest.raises(EditError, match="heter redan ”Individinriktade insatser”"):
        de.set_area_label(plan, "individ", "")  # back to the default: taken by Övrigt now
    assert de.set_area_label(plan, "struktur", "").labels.area("struktur") == \
        "Strukturövergripande insatser"


def test_nested_goals_are_edited_by_path():
    plan = Plan(association="Test", plan_year=2026, goals=(Goal(id=5, title="Samhällsnivå"),))
    plan, sub = de.add_goal(plan, (0,), title="Förväntade resultat")
    assert sub == (0, 0) and plan.goals[0].goals[0].id == 0
    plan = de.update_goal(plan, sub, text="Att minst *75 procent* …")
    indicator = Indicator("Andel nöjda", "75 %", method="Enkät", period="helår")
    plan = de.set_goal_indicators(plan, sub, [indicator])
    assert de.goal_at(plan, sub).indicators == (indicator,)
    plan, second = de.add_goal(plan, (0,), index=0, title="Andra")
    plan, moved = de.move_goal(plan, second, 1)
    assert moved == (0, 1) and [g.title for g in plan.goals[0].goals] == ["Förväntade resultat",
                                                                         "Andra"]
    plan = de.remove_goal(plan, (0, 0))
    assert [g.title for g in plan.goals[0].goals] == ["Andra"]
    with pytest.raises(EditError, match="finns inte längre"):
        de.update_goal(plan, (0, 3), title="x")
    with pytest.raises(EditError, match="tom"):
        de.update_goal(plan, (0,), title="")
    with pytest.raises(EditError, match="först eller sist"):
        de.move_goal(plan, (0,), -1)


def test_the_plans_one_validator_refuses_what_the_file_would_refuse():
    plan = plan_with(chapter(1))
    with pytest.raises(EditError, match="styrtecken"):
        de.set_text(plan, 1, "Text med \x07 klocka")
    with pytest.raises(EditError, match="för lång"):
        de.set_cover(plan, title="x" * 5000)
    with pytest.raises(EditError, match="för lång"):
        de.set_text(plan, 1, "x" * 1_000_001)
    goals = Plan(association="T", plan_year=2026, goals=(Goal(id=1, title="Mål"),))
    goals, path = de.add_goal(goals, (0,))
    goals, path = de.add_goal(goals, path)
    with pytest.raises(EditError, match="nivåer"):
        de.add_goal(goals, path)
    with pytest.raises(EditError, match="styrtecken"):
        de.set_goal_indicators(goals, path, [Indicator("a\x00b")])
