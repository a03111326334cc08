"""A column of year maps read at once gives what `codecs.year_map` gives value by value,
and refuses what it refuses."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.storage import codecs
from finsam_desktop.storage import year_maps as year_maps_module
from finsam_desktop.storage.codecs import Context, RowError
from finsam_desktop.storage.year_maps import year_maps


@pytest.fixture(params=["one by one", "together"], autouse=True)
def bulk(request, monkeypatch):
    """Every test runs both ways: the usual few texts, and as a column of many."""
    if request.param == "together":
        monkeypatch.setattr(year_maps_module, "BULK", 1)
    return request.param

YEARS = (2026, 2027, 2028)
USUAL = ['{"2026": 5, "2027": 6}', '{"2026": 5, "2027": 6}', '{"2028": 0}', "{}", None,
         '{"2027": 1, "2026": 2}', '{ "2026": 7 }', '{"2026": 8}  ']


def test_every_value_is_what_year_map_gives_and_equal_texts_share_one_map():
    one_by_one = [codecs.year_map(raw, "amounts", Context(YEARS)) for raw in USUAL]
    at_once = year_maps(USUAL, "amounts", Context(YEARS))
    assert at_once == one_by_one
    assert [list(m) for m in at_once] == [list(m) for m in one_by_one]  # years in order
    assert at_once[0] is at_once[1]
    assert list(at_once[5]) == [2026, 2027]


@pytest.mark.parametrize("bad", ['{"2026": true}', '{"2025": 1}', '{"2026": -1}', '{"2026": 1.5}',
                                 '{"2026": 1e999}', "[1]", "{", 3, b"{}", '{"2026": 1}, {"2027": 2}',
                                 f'{{"2026": {10**20}}}'])
def test_a_value_year_map_refuses_is_refused(bad):
    with pytest.raises(RowError):
        codecs.year_map(bad, "amounts", Context(YEARS))
    with pytest.raises(RowError):
        year_maps(['{"2026": 1}', bad], "amounts", Context(YEARS))


@pytest.mark.parametrize("texts", [
    ['{"2026": 1}, {"2027": 2', '"2028": 3}'],  # split across two texts: neither is a map
    ['{"2026": 1}, {"k": [{"2027": 1}', '{"2028": 1}], "z": {}}'],  # each starts and ends right
    ['{"2026": 1}, {"2027": 2}', '{"2028": 1}'],
    ['{"2026": 1}{"2027": 2}', '{"2028": 1}'],
    ['{"2026": 1}', ""],
])
def test_texts_that_join_into_other_maps_are_refused(texts):
    with pytest.raises(RowError):
        year_maps(texts, "amounts", Context(YEARS))


_YEAR = st.sampled_from(["2026", "2027", "2028", "2025", "2026 "])
_PIECE = st.one_of(
    st.dictionaries(st.sampled_from(["2026", "2027", "2028"]), st.integers(0, 10**6),
                    max_size=3).map(lambda d: json.dumps(dict(sorted(d.items())))),
    st.dictionaries(_YEAR, st.one_of(st.integers(-5, 10**6), st.booleans(), st.floats()),
                    max_size=3).map(json.dumps),
    st.text(alphabet='{}[]",: 2026781', max_size=14))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # `bulk` is constant
@given(st.lists(_PIECE, max_size=24))
def test_a_column_reads_as_its_values_one_by_one_or_is_refused(bulk, texts):
    def one_by_one():
        return [codecs.year_map(raw, "amounts", Context(YEARS)) for raw in texts]
    try:
        expected = one_by_one()
    except RowError:
        with pytest.raises(RowError):
            year_maps(texts, "amounts", Context(YEARS))
        return
    got = year_maps(texts, "amounts", Context(YEARS))
    assert got == expected and [list(m) for m in got] == [list(m) for m in expected]
