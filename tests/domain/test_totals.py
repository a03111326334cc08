from finsam_desktop.domain.plan import Intervention
from finsam_desktop.domain.totals import year_totals


def test_year_totals_sums_only_given_rows_and_years():
    rows = [Intervention(1, "a", "individ", amounts={2026: 5, 2027: 7}),
            Intervention(2, "b", "individ", amounts={2026: 10, 2030: 99})]
    assert year_totals(rows, "amounts", (2026, 2027)) == {2026: 15, 2027: 7}
    assert year_totals([], "participants", (2026,)) == {2026: 0}
