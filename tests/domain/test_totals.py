from finsam_desktop.domain.outcome import compute
from finsam_desktop.domain.plan import Intervention
from finsam_desktop.domain.totals import grouped_year_totals, year_totals

from ..conftest import load_plan


def test_year_totals_sums_only_given_rows_and_years():
    rows = [Intervention(1, "a", "individ", amounts={2026: 5, 2027: 7}),
            Intervention(2, "b", "individ", amounts={2026: 10, 2030: 99})]
    assert year_totals(rows, "amounts", (2026, 2027)) == {2026: 15, 2027: 7}
    assert year_totals([], "participants", (2026,)) == {2026: 0}


def test_grouped_totals_by_area_on_sjuharad_add_up_to_the_outcome():
    plan = load_plan("sjuharad-2025")
    groups = grouped_year_totals(plan.interventions, lambda i: i.area,
                                 ("amounts", "participants"), plan.years)
    by_key = {group.key: group for group in groups}
    assert [group.key for group in groups] == ["individ", "struktur"]
    # the published costs: 15 625 000 kr of interventions in 2025, 250 000 of them struktur
    assert by_key["individ"].sums["amounts"][2025] == 15_375_000
    assert by_key["struktur"].sums["amounts"][2025] == 250_000
    assert by_key["individ"].count + by_key["struktur"].count == len(plan.interventions)
    outcome = compute(plan)
    for year in plan.years:
        assert sum(g.sums["amounts"][year] for g in groups) == \
            outcome.years[year].intervention_costs
        assert sum(g.sums["participants"][year] for g in groups) == \
            year_totals(plan.interventions, "participants", (year,))[year]


def test_grouped_totals_keep_empty_keys_and_first_seen_order():
    rows = [Intervention(1, "a", "individ", municipality="Åre", amounts={2026: 5}),
            Intervention(2, "b", "individ", amounts={2026: 10}),
            Intervention(3, "c", "individ", municipality="Åre", amounts={2027: 1})]
    groups = grouped_year_totals(rows, lambda i: i.municipality, ("amounts",), (2026, 2027))
    assert [(g.key, g.count, g.sums["amounts"]) for g in groups] == [
        ("Åre", 2, {2026: 5, 2027: 1}), ("", 1, {2026: 10, 2027: 0})]
    assert grouped_year_totals([], lambda i: i.area, ("amounts",), (2026,)) == []
