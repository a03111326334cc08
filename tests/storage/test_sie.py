"""The SIE 4 reader on hand-written files (SIE 4B): sums, mapping to lines, and refusals."""

from __future__ import annotations

import hashlib
import os
from decimal import Decimal
from pathlib import Path

import pytest

from finsam_desktop.domain import follow_up_edits as fe
from finsam_desktop.domain.follow_up_import import preview_import
from finsam_desktop.domain.outcome import compute
from finsam_desktop.storage import sie
from finsam_desktop.storage.errors import PlanFileError
from finsam_desktop.storage.sie import SieError, parse_sie, read_sie
from tests.domain.follow_up_example import ref, sormland_with_tertial

DATA = Path(__file__).parent / "data" / "sie"
SORMLAND = DATA / "sormland-t1.se"

HEAD = ("#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20260101 20261231\n"
        "#RAR -1 20250101 20251231\n#KONTO 5010 \"Lokalhyra\"\n")


def _parse(text: str | bytes, end: str = "2026-04-30"):
    import datetime as dt
    data = text if isinstance(text, bytes) else text.encode("cp437")
    return parse_sie(data, "bok.se", 2026, dt.date.fromisoformat(end))


def test_the_sormland_file_sums_vouchers_to_the_period_end_only():
    book = read_sie(SORMLAND, 2026, "2026-04-30")
    assert book.company == "Samordningsförbundet Sörmland"
    assert book.names["7690"] == "Övriga personalkostnader"
    assert book.sums == {
        "1930": Decimal("-2101234.56"), "3010": Decimal("-1000000.00"),
        "5010": Decimal("800000.00"), "6110": Decimal("300000.00"), "7690": Decimal("1234.56"),
        "4010": Decimal("2000000")}
    assert book.vouchers == 6 and book.transactions == 14
    later = read_sie(SORMLAND, 2026, "2026-05-31")
    assert later.sums["4010"] == Decimal("2500000.00")


def test_the_sormland_file_gives_the_contract_figures_through_the_mapping():
    plan, period = sormland_with_tertial()
    plan = fe.remove_period(plan, period)
    plan, period = fe.add_period(plan, "Tertial 1", "2026-04-30")
    regionen = ref(plan, "members", "Regionen")
    plan = fe.set_accounts(plan, regionen, ["3010"])
    book = read_sie(SORMLAND, 2026, "2026-04-30")
    preview = preview_import(plan, book.sums, book.names)
    assert preview.actuals == {ref(plan, "costs", "Kansli"): 1_100_000,
                               ref(plan, "interventions", "Sikta mot arbetslivet"): 2_000_000,
                               regionen: 1_000_000}
    assert [(u.account, u.name, u.amount) for u in preview.unmapped] == [
        ("7690", "Övriga personalkostnader", Decimal("1234.56"))]
    plan = fe.set_actuals(plan, period, preview.actuals)
    plan = fe.set_forecast(plan, period, ref(plan, "costs", "Kansli"), 3_400_000)
    figures = compute(plan).follow_up[0]
    assert (figures.income_budget, figures.costs_forecast, figures.closing_equity_forecast,
            figures.line(ref(plan, "costs", "Kansli")).deviation) == (
        17_683_000, 18_616_700, 8_698_300, -65_000)
    assert (figures.income_actual, figures.costs_actual) == (1_000_000, 3_100_000)


def test_halves_round_away_from_zero_and_income_is_negated():
    plan, _ = sormland_with_tertial()
    esf = ref(plan, "other_income", "Övriga intäkter, ESF projekt")
    plan = fe.set_accounts(plan, esf, ["3900-3999"])
    preview = preview_import(plan, {"3910": Decimal("-10.50"), "5010": Decimal("2.50"),
                                    "6110": Decimal("-0.50")}, {})
    assert preview.actuals[esf] == 11
    assert preview.actuals[ref(plan, "costs", "Kansli")] == 2  # 2.50 - 0.50 = 2.00
    assert preview.actuals[ref(plan, "interventions", "Sikta mot arbetslivet")] == 0
    only = preview_import(plan, {"6110": Decimal("-2.5")}, {})
    assert only.actuals[ref(plan, "costs", "Kansli")] == -3


def test_unmapped_lists_only_result_accounts_with_amounts():
    plan, _ = sormland_with_tertial()
    preview = preview_import(plan, {"1930": Decimal(5), "2440": Decimal(7), "3000": Decimal(1),
                                    "8999": Decimal("-1"), "9000": Decimal(3),
                                    "7000": Decimal(0)}, {"3000": "Intäkt"})
    assert [(u.account, u.amount) for u in preview.unmapped] == [("3000", 1), ("8999", -1)]


def _voucher(*rows: str, date: str = "20260115") -> str:
    return f"#VER A 1 {date} \"Text\"\n{{\n" + "".join(f"#TRANS {r}\n" for r in rows) + "}\n"


@pytest.mark.parametrize(("text", "line", "words"), [
    (HEAD + _voucher("5010 {} 100.00", "1930 {} -100.00") + "#TRANS 5010 {} 1.00\n", 12,
     "utanför en verifikation"),
    (HEAD + _voucher("5010 {} 12 000,00"), 9, "inget tal"),
    (HEAD + _voucher("5010 {} 12000,00"), 9, "inget tal"),
    (HEAD + _voucher("5010 {} tolv"), 9, "inget tal"),
    (HEAD + _voucher("5010 {} 1e5"), 9, "inget tal"),
    (HEAD + _voucher("5010 {} 100.00 20260115 \"hyra"), 9, "citattecken"),
    (HEAD + "#KONTO 6110 \"Kontorsmateriel\n", 7, "citattecken"),
    (HEAD + _voucher("5010 {1 \"100\" 100.00"), 9, "klammer"),
    (HEAD + _voucher("5010 {} 100.00", date="20260230"), 7, "giltigt datum"),
    (HEAD + _voucher("5010 {} 100.00", date="2026-01-15"), 7, "inget datum"),
    (HEAD + _voucher("5010 {} 100.00", date="20240601"), 7, "utanför filens räkenskapsår"),
    (HEAD + "#VER A 1 20260115 \"Text\"\n{\n#TRANS 5010 {} 1.00\n", 7, "avslutas aldrig"),
    (HEAD + "}\n", 7, "utan en öppen"),
    (HEAD + "#RAR 1 20271231 20270101\n", 7, "slutar före"),
    (HEAD.replace("PC8", "UTF8"), 2, "PC8"),
])
def test_malformed_files_are_refused_with_the_line(text, line, words):
    with pytest.raises(SieError) as refused:
        _parse(text)
    message = str(refused.value)
    assert f"bok.se, rad {line}:" in message and words in message, message


def test_wrong_encodings_are_refused_with_the_line():
    text = HEAD + "#KONTO 7690 \"Övriga kostnader\"\n"
    for encoding, words in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"),
                            ("latin-1", "Windows-1252")):
        with pytest.raises(SieError, match=f"rad 7: .*{words}"):
            _parse(text.encode(encoding))
    with pytest.raises(SieError, match="rad 1: .*UTF-8"):
        _parse(b"\xef\xbb\xbf" + text.encode("cp437"))
    with pytest.raises(SieError, match="ingen SIE-fil"):
        _parse(text.encode("utf-16"))
    assert _parse(text.encode("cp437")).names["7690"] == "Övriga kostnader"


def test_a_file_of_another_year_is_refused():
    text = HEAD.replace("2026", "2024").replace("2025", "2023") + _voucher(
        "5010 {} 1.00", date="20240115")
    with pytest.raises(SieError, match="gäller inte 2026"):
        _parse(text)


def test_vouchers_of_the_other_declared_year_are_ignored_and_escaped_quotes_read():
    text = HEAD + _voucher("5010 {} 7.00", date="20250601") + (
        '#VER A 2 20260301 "Hyra \\"mars\\""\n{\n#TRANS "5010" {1 "1 00"} 3.25 "" "x \\" y"\n}\n')
    assert _parse(text).sums == {"5010": Decimal("3.25")}


def test_fifo_directory_missing_and_huge_files_are_refused_without_blocking(tmp_path,
                                                                            monkeypatch):
    fifo = tmp_path / "bok.se"
    os.mkfifo(fifo)
    with pytest.raises(PlanFileError, match="ingen vanlig fil"):
        read_sie(fifo, 2026, "2026-04-30")
    with pytest.raises(PlanFileError, match="mapp"):
        read_sie(tmp_path, 2026, "2026-04-30")
    with pytest.raises(PlanFileError, match="finns inte"):
        read_sie(tmp_path / "saknas.se", 2026, "2026-04-30")
    monkeypatch.setattr(sie, "MAX_BYTES", 100)
    with pytest.raises(PlanFileError, match="för stor"):
        read_sie(SORMLAND, 2026, "2026-04-30")


def test_reading_never_changes_the_file():
    before = hashlib.sha256(SORMLAND.read_bytes()).hexdigest()
    read_sie(SORMLAND, 2026, "2026-04-30")
    assert hashlib.sha256(SORMLAND.read_bytes()).hexdigest() == before
