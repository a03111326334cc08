"""One validator: the exchange reader and the edits refuse the same values, fast."""

from __future__ import annotations

import copy
import dataclasses
import time
from decimal import Decimal

import pytest

from finsam_desktop.domain import edits, validation
from finsam_desktop.domain.edits import EditError
from finsam_desktop.domain.exchange import PlanFormatError, plan_from_document
from tests.conftest import load_plan, plan_document

HUGE = (10**15, 2**63, 10**400, -(2**63))


def _doc(change, name="skaraborg-2026"):
    document = copy.deepcopy(plan_document(name))
    change(document)
    return document


def _refused(document, path):
    with pytest.raises(PlanFormatError) as error:
        plan_from_document(document)
    assert error.value.path == path, str(error.value)
    return error.value


MONEY_FIELDS = [
    ("contributions.totals.2026", lambda d, v: d["contributions"]["totals"].__setitem__("2026", v)),
    ("contributions.previous_total", lambda d, v: d["contributions"].__setitem__("previous_total", v)),
    ("members[0].previous_contribution",
     lambda d, v: d["members"][0].__setitem__("previous_contribution", v)),
    ("costs[0].amounts.2026", lambda d, v: d["costs"][0]["amounts"].__setitem__("2026", v)),
    ("interventions[0].amounts.2026",
     lambda d, v: d["interventions"][0]["amounts"].__setitem__("2026", v)),
    ("interventions[0].participants.2026",
     lambda d, v: d["interventions"][0].setdefault("participants", {}).__setitem__("2026", v)),
    ("interventions[0].external_funding.2026",
     lambda d, v: d["interventions"][0].__setitem__("external_funding", {"2026": v})),
    ("equity.opening", lambda d, v: d["equity"].__setitem__("opening", v)),
    ("equity.rules[0].amount", lambda d, v: d["equity"]["rules"][0].__setitem__("amount", v)),
    ("members[3].key", lambda d, v: d["members"][3].__setitem__("key", v)),
]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize("path, change", MONEY_FIELDS, ids=[p for p, _ in MONEY_FIELDS])
def test_a_huge_figure_is_refused_in_every_money_field(path, change, value):
    document = _doc(lambda d: change(d, value))
    if path == "equity.rules[0].amount":
        assert document["equity"]["rules"][0]["kind"] == "min_amount"
    if value < 0 and path not in ("equity.opening",):
        _refused(document, path)  # negative where not allowed
        return
    error = _refused(document, path)
    assert "orimligt" in error.message


def test_the_window_and_the_file_agree_on_an_intervention_amount_of_10_to_15():
    plan = load_plan("skaraborg-2026")
    item = plan.interventions[0]
    with pytest.raises(EditError, match="orimligt stort"):
        edits.set_year_value(plan, "interventions", item.id, "amounts", 2026, 10**15)
    _refused(_doc(lambda d: d["interventions"][0]["amounts"].__setitem__("2026", 10**15)),
             "interventions[0].amounts.2026")


def test_an_opening_equity_of_10_to_20_is_refused_on_import():
    _refused(_doc(lambda d: d["equity"].__setitem__("opening", 10**20)), "equity.opening")


@pytest.mark.parametrize("bad", ["\ud800", "Kommun\x07", "Rad\nbrytning", "Tab\tbort", "\x9b",
                                 "x" * (validation.MAX_NAME_LENGTH + 1), "", "   "])
@pytest.mark.parametrize("path, change", [
    ("members[0].name", lambda d, v: d["members"][0].__setitem__("name", v)),
    ("costs[0].name", lambda d, v: d["costs"][0].__setitem__("name", v)),
    ("interventions[1].name", lambda d, v: d["interventions"][1].__setitem__("name", v)),
    ("goals[0].title", lambda d, v: d["goals"][0].__setitem__("title", v)),
    ("association.name", lambda d, v: d["association"].__setitem__("name", v)),
])
def test_a_bad_name_is_refused(path, change, bad):
    _refused(_doc(lambda d: change(d, bad)), path)


def test_a_fifty_megabyte_name_is_refused_fast():
    started = time.monotonic()
    error = _refused(_doc(lambda d: d["members"][0].__setitem__("name", "x" * 50_000_000)),
                     "members[0].name")
    assert "för lång" in error.message
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("bad", ["\ud800", "Ägare\x1b[31m"])
def test_control_characters_and_lone_surrogates_are_refused_in_every_text(bad):
    _refused(_doc(lambda d: d["interventions"][0].__setitem__("owner", bad)),
             "interventions[0].owner")
    _refused(_doc(lambda d: d["members"][3].__setitem__("key_source", bad)),
             "members[3].key_source")


def test_a_ten_megabyte_section_is_refused_with_a_clear_message():
    error = _refused(_doc(lambda d: d["sections"][0].__setitem__("text", "ord " * 2_500_000)),
                     "sections[0].text")
    assert "för lång" in error.message and "1 000 000" in error.message


@pytest.mark.parametrize("collection, first", [("other_income", None), ("costs", 0),
                                               ("interventions", 0)])
def test_a_duplicate_name_is_refused_with_the_path_of_the_second(collection, first):
    def change(d):
        d["other_income"] = [{"name": "ESF", "amounts": {}}]
        rows = d[collection]
        rows.append(dict(copy.deepcopy(rows[0]), name=rows[0]["name"].upper() + " "))
    document = _doc(change)
    error = _refused(document, f"{collection}[{len(document[collection]) - 1}].name")
    assert "finns redan" in error.message


@pytest.mark.parametrize("key", ["²⁰²⁶", "２０２６", "٢٠٢٦", "2026 ", "02026", "20x6"])
def test_a_year_key_in_other_digits_is_refused_never_overriding(key):
    def change(d):
        d["contributions"]["totals"][key] = 1000
    quoted = key if key.strip() == key else f'"{key}"'
    error = _refused(_doc(change), f"contributions.totals.{quoted}")
    assert "fyra siffror" in error.message


@pytest.mark.parametrize("value", ["1E-999999999", "1E+999999999", "0E-999999999",
                                   "0." + "3" * 30])
def test_a_share_with_a_huge_exponent_is_refused_fast(value):
    started = time.monotonic()
    _refused(_doc(lambda d: d["equity"]["rules"][1].__setitem__("share", value)),
             "equity.rules[1].share")
    _refused(_doc(lambda d: d["contributions"]["shares"].__setitem__("state", value)),
             "contributions.shares.state")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("key", [Decimal("1E-999999999"), Decimal("1E+999999999"),
                                 Decimal("-0.5"), Decimal("NaN"), 1.5])
def test_a_bad_decimal_key_is_refused_fast(key):
    started = time.monotonic()
    _refused(_doc(lambda d: d["members"][3].__setitem__("key", key)), "members[3].key")
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("value", ["２０２６-01-01", "2026-1-01", "0001-01-01", "2026-02-30"])
def test_dates_are_ascii_iso_dates(value):
    _refused(_doc(lambda d: d["interventions"][0].__setitem__("start", value)),
             "interventions[0].start")
    plan = load_plan("skaraborg-2026")
    with pytest.raises(EditError):
        edits.update_item(plan, "interventions", plan.interventions[0].id, start=value)


def test_edits_refuse_what_the_validator_refuses():
    plan = load_plan("skaraborg-2026")
    member = plan.members[3]
    for change in (lambda: edits.set_total(plan, 2026, 2**63),
                   lambda: edits.set_opening_equity(plan, -(10**20)),
                   lambda: edits.set_previous_total(plan, 10**400),
                   lambda: edits.update_item(plan, "members", member.id, name="Ny\x00kommun"),
                   lambda: edits.set_key(plan, member.id, Decimal("1E-999999999")),
                   lambda: edits.update_item(plan, "costs", plan.costs[0].id, name="\ud800"),
                   lambda: edits.update_item(plan, "interventions", plan.interventions[1].id,
                                             name=plan.interventions[0].name.lower())):
        with pytest.raises(EditError):
            change()


def test_new_rows_get_unique_names_and_a_decimal_key_is_kept_exactly():
    plan = load_plan("skaraborg-2026")
    plan, first = edits.add_item(plan, "interventions")
    plan, second = edits.add_item(plan, "interventions")
    names = {i.id: i.name for i in plan.interventions}
    assert names[first] != names[second]
    member = plan.members[3]
    keyed = edits.set_key(plan, member.id, Decimal("17.5"))
    assert keyed.members[3].key == Decimal("17.5")


def test_a_rule_changed_to_another_kind_gets_a_basis_its_kind_allows():
    plan = load_plan("skaraborg-2026")
    plan, ident = edits.add_item(plan, "rules", kind="min_area_share", share=Decimal("0.5"))
    changed = edits.update_item(plan, "rules", ident, kind="max_share")
    assert changed.equity.rules[-1].basis == "contributions"


def test_the_validator_names_the_full_path_of_a_whole_plan():
    plan = load_plan("skaraborg-2026")
    from dataclasses import replace
    bad = replace(plan, costs=(replace(plan.costs[0], amounts={2026: 10**13}),))
    with pytest.raises(validation.Invalid) as error:
        validation.plan(bad)
    assert error.value.field == "costs[0].amounts.2026"


def test_goal_and_section_edits_obey_the_same_rules():
    plan = load_plan("skaraborg-2026")
    with pytest.raises(EditError, match="otillåtet tecken"):
        edits.update_item(plan, "goals", plan.goals[0].id, title="Mål\x1b")
    with pytest.raises(EditError, match="för lång"):
        edits.update_item(plan, "sections", plan.sections[0].id, text="x" * 10_000_000)
    changed = edits.update_item(plan, "sections", plan.sections[0].id, text="Rad ett\nRad\ttvå")
    assert changed.sections[0].text == "Rad ett\nRad\ttvå"


def test_a_name_twice_is_refused_at_the_second_with_the_first_s_row():
    from finsam_desktop.domain.validation import Invalid, unique_names
    unique_names(["Steg 1", "Steg 2", "steg 3"], "interventions")
    with pytest.raises(Invalid) as refused:
        unique_names(["Steg 1", "Bro", "Steg 2", "  BRO "], "interventions")
    assert refused.value.field == "[3].name"
    assert "en insats som heter ”BRO” (rad 2)" in str(refused.value)


def test_a_name_edit_in_a_long_list_finds_the_one_clash():
    plan = load_plan("sjuharad-2025")
    many = tuple(dataclasses.replace(plan.interventions[0], id=1000 + n, name=f"Insats {n}")
                 for n in range(20_000))
    plan = dataclasses.replace(plan, interventions=many)
    edited = edits.update_item(plan, "interventions", 1000 + 7, name="Nytt namn")
    assert edited.interventions[7].name == "Nytt namn"
    with pytest.raises(EditError, match="”Insats 19999” .rad 8."):  # the later one, the first row
        edits.update_item(plan, "interventions", 1000 + 7, name="insats 19999")
