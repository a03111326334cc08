"""From the accounting system's sums per account to the follow-up's actuals per line.

plan-format.md: a line's actual is the sum of its accounts, negated for income lines and
members (income is booked as credit, negative), rounded to whole kronor with halves away from
zero. Result accounts (3000–8999) with amounts that no line maps are listed, never dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .follow_up import INCOME_LISTS, line_names
from .follow_up_edits import line_order
from .plan import LineRef, Plan
from .validation_follow_up import account_range

RESULT_ACCOUNTS = (3000, 8999)


@dataclass(frozen=True)
class AccountSum:
    account: str
    name: str
    amount: Decimal


@dataclass(frozen=True)
class ImportPreview:
    """What an import would set: each mapped line's actual and the accounts behind it."""

    actuals: dict[LineRef, int]
    accounts: dict[LineRef, tuple[AccountSum, ...]]
    unmapped: tuple[AccountSum, ...]

    def unmapped_total(self) -> Decimal:
        return sum((item.amount for item in self.unmapped), Decimal(0))


def whole_kronor(amount: Decimal) -> int:
    """Whole kronor, halves away from zero."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class AccountIndex:
    """Which line an account belongs to, by bisecting the mapping's sorted ranges (a plan
    may map thousands of lines; the mapping never overlaps, see check_accounts)."""

    def __init__(self, mapping: Mapping[LineRef, tuple[str, ...]]):
        spans = sorted((*account_range(item), ref) for ref, items in mapping.items()
                       for item in items)
        self.lows = [low for low, _high, _ref in spans]
        self.spans = spans

    def line_of(self, account: str) -> LineRef | None:
        number = int(account)
        index = bisect.bisect_right(self.lows, number) - 1
        if index >= 0 and self.spans[index][1] >= number:
            return self.spans[index][2]
        return None


def preview_import(plan: Plan, sums: Mapping[str, Decimal], names: Mapping[str, str],
                   mapping: Mapping[LineRef, tuple[str, ...]] | None = None) -> ImportPreview:
    """The actuals `sums` give through `mapping` (the plan's own when None)."""
    mapping = plan.follow_up.accounts if mapping is None else mapping
    known = line_names(plan)
    mapping = {ref: accounts for ref, accounts in mapping.items() if ref in known}
    per_line: dict[LineRef, list[AccountSum]] = {ref: [] for ref in
                                                 sorted(mapping, key=line_order)}
    unmapped = []
    index = AccountIndex(mapping)
    for account in sorted(sums, key=lambda a: (int(a), a)):
        item = AccountSum(account, names.get(account, ""), sums[account])
        ref = index.line_of(account)
        if ref is not None:
            per_line[ref].append(item)
        elif RESULT_ACCOUNTS[0] <= int(account) <= RESULT_ACCOUNTS[1] and item.amount:
            unmapped.append(item)
    actuals = {}
    for ref, items in per_line.items():
        total = sum((item.amount for item in items), Decimal(0))
        actuals[ref] = whole_kronor(-total if ref[0] in INCOME_LISTS else total)
    return ImportPreview(actuals, {ref: tuple(items) for ref, items in per_line.items()},
                         tuple(unmapped))


def import_actuals(plan: Plan, period_id: int, sums: Mapping[str, Decimal],
                   names: Mapping[str, str],
                   mapping: Mapping[LineRef, tuple[str, ...]] | None = None
                   ) -> tuple[Plan, ImportPreview]:
    """The plan with `mapping` remembered (when given) and the period's actuals of every
    mapped line set from `sums`; lines without accounts keep the actuals they had."""
    from .follow_up_edits import set_account_mapping, set_actuals
    if mapping is not None:
        plan = set_account_mapping(plan, mapping)
    preview = preview_import(plan, sums, names)
    return set_actuals(plan, period_id, preview.actuals), preview
