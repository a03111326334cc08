"""A column of year maps read at once gives what `codecs.year_map` gives value by value,
and refuses what it refuses."""

from __future__ import annotations

import pytest

from finsam_desktop.storage import codecs
from finsam_desktop.storage.codecs import Context, RowError
from finsam_desktop.storage.year_maps import year_maps

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
