"""A chart of closing equity per plan year against the equity rules' bounds (display only).

The bounds come from `outcome.margins` (the kinds whose bound is on the closing
equity); nothing is computed here. Points are in thousands of kronor: a chart needs floats,
and nothing read from it is ever stored.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..domain.outcome import Outcome
from ..domain.plan import Plan
from ..domain.rule_kinds import KINDS

EQUITY_COLOR = QColor("#1f5f99")
BOUND_COLORS = {"min": QColor("#b03030"), "max": QColor("#c07000")}
"""By the side of the bound the equity must stay on (domain.rule_kinds)."""


MAX_INTERVALS = 4
"""At most this many steps on the amount axis: the chart's 220 px leave about 110 px for the
plot, and seven labels in that ("−10 000" … "50 000") are all cut to "…"."""


def fewer_ticks(axis: QValueAxis) -> None:
    """Keep the nice step Qt chose, doubled until at most `MAX_INTERVALS` steps remain (an
    odd count first gets one step more at the top, so every label stays a round figure)."""
    intervals = axis.tickCount() - 1
    if intervals <= MAX_INTERVALS:
        return
    step = (axis.max() - axis.min()) / intervals
    top = axis.max()
    while intervals > MAX_INTERVALS:
        if intervals % 2:
            intervals += 1
            top += step
        intervals //= 2
        step *= 2
    axis.setRange(axis.min(), top)
    axis.setTickCount(intervals + 1)


def rule_bound_label(rule) -> str:
    return KINDS[rule.kind].chart_label


class EquityChart(QChartView):
    """Closing equity per year (line with points) and each rule bound (dashed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.series_names: list[str] = []
        chart = QChart()
        chart.setTitle("Utgående eget kapital per år (tkr)")
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setLocalizeNumbers(True)
        chart.setLocale(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)

    def show_outcome(self, plan: Plan, outcome: Outcome) -> None:
        """Redraw for the current plan and outcome (the chart object is reused)."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        years = list(plan.years)
        axis_x = QBarCategoryAxis()
        axis_x.append([str(year) for year in years])
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")
        axis_y.setTitleText("tkr")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)

        values: list[float] = []
        equity = QLineSeries()
        equity.setName("Utgående eget kapital")
        equity.setPen(QPen(EQUITY_COLOR, 2.5))
        points = QScatterSeries()
        points.setColor(EQUITY_COLOR)
        points.setMarkerSize(9)
        for position, year in enumerate(years):
            value = outcome.years[year].closing_equity / 1000
            equity.append(position, value)
            points.append(position, value)
            values.append(value)
        series = [equity, points]

        rules = {rule.id: rule for rule in plan.equity.rules}
        for rule_id, rule in rules.items():
            if rule.kind not in KINDS or not KINDS[rule.kind].bounds_equity:
                continue
            bound = QLineSeries()
            bound.setName(rule_bound_label(rule))
            pen = QPen(BOUND_COLORS[KINDS[rule.kind].bound_side], 1.5, Qt.PenStyle.DashLine)
            bound.setPen(pen)
            margins = [m for m in outcome.margins if m.rule_id == rule_id]
            by_year = {m.year: m.bound / 1000 for m in margins}
            for position, year in enumerate(years):
                if year in by_year:
                    # a single year still shows as a short horizontal line
                    bound.append(position - (0.3 if len(years) == 1 else 0), by_year[year])
                    if len(years) == 1:
                        bound.append(position + 0.3, by_year[year])
                    values.append(by_year[year])
            series.append(bound)

        for item in series:
            chart.addSeries(item)
            item.attachAxis(axis_x)
            item.attachAxis(axis_y)
        markers = chart.legend().markers(points)
        for marker in markers:
            marker.setVisible(False)
        low, high = min(values + [0.0]), max(values + [0.0])
        span = (high - low) or 1.0
        axis_y.setRange(low - span * 0.08 if low < 0 else 0, high + span * 0.12)
        axis_y.applyNiceNumbers()
        fewer_ticks(axis_y)
        self.series_names = [item.name() for item in series if item.name()]
