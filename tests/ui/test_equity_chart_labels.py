"""The equity chart's amounts are readable at a laptop's first size: no axis label is cut to
"…" (Sjuhärad's seven labels from −10 000 to 50 000 tkr were, in 110 px of plot)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QGraphicsTextItem

from finsam_desktop.ui.window_support import first_size


def chart_texts(chart) -> list[str]:
    texts = []
    for item in chart.scene().items():
        if isinstance(item, QGraphicsTextItem):
            texts.append(item.toPlainText())
        elif isinstance(item, QGraphicsSimpleTextItem):
            texts.append(item.text())
    return [text for text in texts if text]


@pytest.mark.parametrize("name", ["sjuharad-2025", "sormland-2026", "skaraborg-2026"])
def test_no_amount_on_the_equity_axis_is_cut(make_window, plan_file, qtbot, name):
    size = first_size(QSize(1366, 768 - 40))
    window = make_window(size=(size.width(), size.height()))
    window.open_path(plan_file(name))
    tab = window.tabs_by_key["budget"]
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    texts = chart_texts(tab.chart)
    assert not [text for text in texts if text.endswith(("...", "…"))], texts
    amounts = [text for text in texts if text.replace("\u2212", "").replace("\u00a0", "")
               .replace(" ", "").isdigit()]
    assert len(amounts) - len(window.model.plan.years) >= 3  # the axis has figures to read
    tab.chart.grab().save(f"/tmp/finsam-chart-{name}.png")
