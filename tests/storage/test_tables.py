"""The schema from one source: the table descriptions, the DDL of the upgrade chain and the
rows of a real file agree, and every field of the plan survives a write and a read."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from finsam_desktop.domain.plan import (
    ChecklistItem,
    Cover,
    FollowUp,
    Goal,
    Indicator,
    Labels,
    Period,
    Section,
)
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.schema import SCHEMA_VERSION, expected_columns
from finsam_desktop.storage.tables import described_columns
from tests.conftest import load_plan


def test_the_descriptions_name_exactly_the_columns_the_upgrade_chain_builds():
    built = {table: set(columns) for table, columns in expected_columns(SCHEMA_VERSION).items()
             if table != "meta"}
    assert described_columns() == built


def test_reading_a_plan_file_does_not_rebuild_an_exchange_document(plan_file, monkeypatch):
    from finsam_desktop.domain import exchange
    path = plan_file("skaraborg-2026")

    def refuse(*args, **kwargs):
        raise AssertionError("read through the exchange format")
    monkeypatch.setattr(exchange, "plan_from_document", refuse)
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan.association


def full_plan():
    """Skaraborg with every field of the second release set to something non-default."""
    plan = load_plan("skaraborg-2026")
    ids = iter(range(plan.next_id(), plan.next_id() + 100))
    members = list(plan.members)
    municipalities = [i for i, m in enumerate(members) if m.kind == "municipality"]
    members[municipalities[0]] = replace(members[municipalities[0]], key=Decimal("17.50"))
    members[municipalities[1]] = replace(members[municipalities[1]],
                                         key={plan.plan_year: Decimal("34.70")})
    cost, income_code = plan.costs[0], "1.0"
    intervention = plan.interventions[0]
    sub = Goal(id=0, title="Delmål", text="*Kursiv*",
               indicators=(Indicator("Andel", "50 %", method="Enkät", period="helår"),),
               goals=(Goal(id=0, title="Del av delmål"),))
    goal = replace(plan.goals[0], text="Målets **text**", goals=(sub,),
                   indicators=(Indicator("Antal", "10", method="Uppföljning Finsam",
                                         period="tertial"),))
    sections = (
        Section(id=next(ids), title="Inledning", text="Text"),
        Section(id=next(ids), kind="block", block="members", block_title=None),
        Section(id=next(ids), kind="block", block="chart_equity", block_title="",
                alt_text="Diagram", included=False),
        Section(id=next(ids), kind="text", text="Mer"),
        Section(id=next(ids), kind="block", block="economy", block_title="Ekonomi"),
    )
    refs = {("costs", cost.id): 1_100_000, ("interventions", intervention.id): 2_000_000,
            ("members", members[0].id): 1_000_000}
    period = Period(id=next(ids), name="Tertial 1", end="2026-04-30", actuals=refs,
                    forecast={("costs", cost.id): 3_400_000},
                    comments={("costs", cost.id): "Ny tjänst från maj."})
    return replace(
        plan, members=tuple(members),
        costs=(replace(cost, code=income_code),) + plan.costs[1:],
        interventions=(replace(intervention, code="2.4.1"),) + plan.interventions[1:],
        equity=replace(plan.equity, opening_note="Prognos per 30 juni 2025",
                       opening_is_forecast=True),
        goals=(goal,) + plan.goals[1:], sections=sections,
        cover=Cover(title="Verksamhetsplan", subtitle="2026–2028", logo=b"\x89PNG\r\n\x00\xff",
                    logo_type="image/png", note="Beslutad"),
        labels=Labels({"struktur": "Strukturinsatser"}),
        follow_up=FollowUp(periods=(period,),
                           accounts={("costs", cost.id): ("5000-5999", "6110")}),
        checklist=(ChecklistItem(id=next(ids), text="Kontrollera nycklarna"),
                   ChecklistItem(id=next(ids), text="Ingående kapital", done=True)),
    )


def test_every_field_of_the_plan_survives_the_file(tmp_path):
    plan = full_plan()
    path = tmp_path / "full.finsam"
    with PlanDocument.create(path, plan) as document:
        assert document.plan == plan
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan == plan
        key = document.plan.members[[m.kind for m in plan.members].index("municipality")].key
        assert str(key) == "17.50"


def test_an_edit_of_a_new_field_writes_only_its_row(tmp_path):
    plan = full_plan()
    path = tmp_path / "full.finsam"
    with PlanDocument.create(path, plan) as document:
        period = document.plan.follow_up.periods[0]
        new_period = replace(period, actuals={**period.actuals, ("members", plan.members[1].id): 5})
        edited = replace(document.plan, follow_up=replace(document.plan.follow_up,
                                                          periods=(new_period,)))
        before = document._conn.total_changes
        document.commit(edited)
        assert document._conn.total_changes - before == 1
    with PlanDocument.open(path, read_only=True) as document:
        assert document.plan == edited
