"""Benchmark: import a year's SIE file of 100 000 transactions into a follow-up period.

The file is written once per run: 50 000 vouchers of two rows over the budget year, on a
result account of each line of the plan (mapped) and the bank. Timed is what the user waits
for: read and check the file, map the sums to lines, set the actuals and recompute.
"""

from __future__ import annotations

import random
from pathlib import Path

from .plans import load
from .timing import Stats, repeat

TRANSACTIONS = 100_000


def write_sie(path: Path, year: int, accounts: list[int]) -> None:
    """A PC8 SIE 4 file with TRANSACTIONS rows on `accounts` (and the bank, 1930)."""
    chance = random.Random(2026)
    rows = ["#FLAGGA 0", "#FORMAT PC8", "#SIETYP 4", '#FNAMN "Syntetiskt förbund"',
            f"#RAR 0 {year}0101 {year}1231"]
    rows += [f'#KONTO {account} "Konto {account} för året"' for account in accounts]
    for number in range(TRANSACTIONS // 2):
        date = f"{year}{chance.randint(1, 12):02d}{chance.randint(1, 28):02d}"
        account = accounts[number % len(accounts)]
        amount = f"{chance.randint(1, 5_000_000) / 100:.2f}"
        rows += [f'#VER A {number + 1} {date} "Verifikation {number + 1}"', "{",
                 f'   #TRANS {account} {{}} {amount} {date} "Rad"',
                 f"   #TRANS 1930 {{}} -{amount}", "}"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp437"))


def sie_import(name: str, runs: int, folder: Path) -> Stats:
    from finsam_desktop.domain import follow_up_edits as fe
    from finsam_desktop.domain.follow_up import plan_lines
    from finsam_desktop.domain.follow_up_import import preview_import
    from finsam_desktop.domain.outcome import compute
    from finsam_desktop.storage.sie import read_sie
    plan = load(name)
    first = compute(plan).years[plan.plan_year]
    refs = [ref for ref, _name, _budget in plan_lines(plan, first)][:4000]
    accounts = []
    for index, ref in enumerate(refs):
        account = 3000 + index
        plan = fe.set_accounts(plan, ref, [str(account)])
        accounts.append(account)
    plan, period = fe.add_period(plan, "Tertial 1", f"{plan.plan_year}-04-30")
    path = folder / f"{name}.se"
    write_sie(path, plan.plan_year, accounts)

    def once() -> None:
        book = read_sie(path, plan.plan_year, f"{plan.plan_year}-04-30")
        preview = preview_import(plan, book.sums, book.names)
        compute(fe.set_actuals(plan, period, preview.actuals))
    return repeat(once, runs)
