"""The Uppföljning sheet of the Excel export: the latest period's lines, as in the report.

Amounts are rounded as the tertial report prints them (`follow_up.line_figures`), so each
sum row is the sum of the rows above it; deviation shares are real percentages.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook

from ..domain.outcome import Outcome
from ..domain.plan import Plan
from .excel import SHARE_FORMAT, SUM_FONT, _sheet, in_unit, money_format
from .follow_up import line_figures, period_of


def follow_up_sheet(workbook: Workbook, plan: Plan, outcome: Outcome, unit: str) -> None:
    """Add the sheet when the plan has a follow-up period (the latest one)."""
    period = period_of(outcome)
    if period is None:
        return
    header = ["Post", f"Budget ({unit})", f"Utfall ({unit})", f"Prognos ({unit})",
              f"Avvikelse ({unit})", "Avvikelse %", "Kommentar"]
    sheet = _sheet(workbook, "Uppföljning", header, [40, 16, 16, 16, 16, 12, 40])
    money = {column: money_format(unit) for column in range(2, 6)}
    for label, kind, values, _share, comment in line_figures(period, unit):
        if not values:
            sheet.append([label])
            sheet.sheet.cell(sheet.row, 1).font = SUM_FONT
            continue
        share = Decimal(values[3]) / Decimal(values[0]) if values[0] and kind != "total" else None
        sheet.append([label, *(in_unit(v, unit) for v in values), share, comment or None])
        sheet.style({**money, 6: SHARE_FORMAT}, total=kind in ("subtotal", "total"),
                    width=len(header))
    sheet.append([])
    sheet.append([f"{period.name}: utfall till och med {period.end}, prognos för helåret "
                  f"{plan.plan_year}."])
    for label, value in (("Utgående eget kapital, budget", period.closing_equity_budget),
                         ("Utgående eget kapital, prognos", period.closing_equity_forecast)):
        sheet.append([label, in_unit(value, unit)])
        sheet.style({2: money_format(unit)})
