"""Display text of amounts for the views, cached: a repaint asks for the same few thousand
figures again and again, and formatting (babel, Decimal for tkr) costs far more than a
dictionary look-up. The domain's functions stay the one source of the text."""

from __future__ import annotations

from functools import lru_cache

from ..domain.money import format_money, format_number, format_share

money_text = lru_cache(maxsize=1 << 16)(format_money)
"""`format_money(kronor, unit, with_unit)`, cached."""
number_text = lru_cache(maxsize=1 << 14)(format_number)
"""`format_number(value, decimals)`, cached."""
share_text = lru_cache(maxsize=1 << 12)(format_share)
"""`format_share(share, decimals)`, cached."""
