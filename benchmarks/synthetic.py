"""A large, deterministic plan for benchmarks: a whole country in one association.

`synthetic_plan()` gives 290 municipalities, 2 000 interventions and a five-year
span by default (about 50 report pages) — far above any real association, so a
timing that holds here holds for every real plan. Same arguments, same plan.
"""

from __future__ import annotations

import random
from decimal import Decimal

from finsam_desktop.domain.exchange import plan_from_document, plan_to_document
from finsam_desktop.domain.plan import (
    AREAS,
    CATEGORIES,
    Contributions,
    Equity,
    Goal,
    Indicator,
    Intervention,
    Line,
    Member,
    Plan,
    Rule,
    Section,
)

_PLACES = ("Ale", "Berg", "Dals", "Ed", "Falu", "Gnosjö", "Hjo", "Ljus", "Mora", "Nora",
           "Orsa", "Pite", "Rätt", "Sala", "Tierp", "Umeå", "Vara", "Åre", "Älvs", "Öster")
_ENDINGS = ("", "by", "sund", "torp", "köping", "hult", "vik", "berg", "dal", "ås", "näs", "holm",
            "stad", "ryd", "fors")
_OWNERS = ("Arbetsförmedlingen", "Försäkringskassan", "Regionen", "Kommunens arbetsmarknadsenhet",
           "Socialtjänsten", "Vuxenutbildningen")
_WORDS = ("Steg", "Vägen", "Kraft", "Bro", "Nav", "Start", "Framåt", "Lots", "Puls", "Grund")


def synthetic_plan(municipalities: int = 290, interventions: int = 2000, span: int = 5,
                   seed: int = 2026) -> Plan:
    """A valid plan of the given size, identical for identical arguments."""
    rng = random.Random(seed)
    first_year = 2026
    years = tuple(range(first_year, first_year + span))
    next_id = iter(range(1, 10_000_000))

    members = [Member(next(next_id), "Försäkringskassan", "fk", previous_contribution=210_000_000),
               Member(next(next_id), "Arbetsförmedlingen", "af", previous_contribution=210_000_000),
               Member(next(next_id), "Regionen", "region", previous_contribution=210_000_000)]
    town_names = []
    for index in range(municipalities):
        town = _PLACES[index % len(_PLACES)] + _ENDINGS[index // len(_PLACES) % len(_ENDINGS)]
        if index >= len(_PLACES) * len(_ENDINGS):
            town += f" {index // (len(_PLACES) * len(_ENDINGS)) + 1}"
        town_names.append(town)
        name = f"{town} kommun"
        population = rng.randint(2_500, 600_000)
        members.append(Member(next(next_id), name, "municipality",
                              key={y: population + 150 * (y - first_year) for y in years},
                              key_source="Folkmängd 31/12 2024, SCB",
                              previous_contribution=population * 24 // 10))

    rows = []
    for index in range(interventions):
        amount = rng.randrange(50_000, 800_000, 1_000)
        rows.append(Intervention(
            id=next(next_id),
            name=f"{_WORDS[index % len(_WORDS)]} {index + 1}",
            area=AREAS[index % len(AREAS)],
            category=CATEGORIES[index % len(CATEGORIES)],
            owner=_OWNERS[index % len(_OWNERS)],
            municipality=town_names[index % len(town_names)] if town_names else "",
            amounts={y: amount + 10_000 * (y - first_year) for y in years},
            participants={y: rng.randint(0, 80) for y in years},
        ))
    intervention_money = {y: sum(r.amounts[y] for r in rows) for y in years}

    costs = (
        Line(next(next_id), "Styrelse", {y: 1_200_000 for y in years}, "Styrning och administration"),
        Line(next(next_id), "Kansli", {y: 9_000_000 + 200_000 * i for i, y in enumerate(years)},
             "Styrning och administration"),
        Line(next(next_id), "Revision", {y: 300_000 for y in years}, "Styrning och administration"),
        Line(next(next_id), "Utvärdering", {y: 500_000 for y in years}),
    )
    other_costs = {y: sum(line.amounts[y] for line in costs) for y in years}
    totals = {y: (intervention_money[y] + other_costs[y]) // 1000 * 1000 for y in years}
    other_income = (Line(next(next_id), "ESF-medel", {y: 1_000_000 for y in years}),)

    plan = Plan(
        association="Samordningsförbundet Syntetiska riket",
        plan_year=first_year,
        plan_span=span,
        unit="tkr",
        decided="2025-11-20",
        contributions=Contributions(totals=totals, previous_total=sum(
            m.previous_contribution or 0 for m in members), rounding=1),
        members=tuple(members),
        other_income=other_income,
        costs=costs,
        interventions=tuple(rows),
        equity=Equity(opening=30_000_000, rules=(
            Rule(next(next_id), "min_amount", amount=2_000_000),
            Rule(next(next_id), "max_share", share=Decimal("0.2"), basis="contributions"),
            Rule(next(next_id), "min_area_share", share=Decimal("0.5"), area="individ"),
        )),
        goals=tuple(Goal(next(next_id), f"Mål {n}", (
            Indicator("Andel deltagare som går till arbete eller studier", "40 %"),
            Indicator("Antal deltagare", "1 000"))) for n in range(1, 4)),
        sections=tuple(Section(next(next_id), title, text) for title, text in (
            ("Inledning", "Förbundet planerar för ett stort antal insatser.\n\n"
             "- Samverkan mellan medlemmarna\n- Individinriktade insatser\n- Strukturövergripande arbete"),
            ("Verksamhetsidé", "Samordningsförbundet ska bidra till att individer i behov av "
             "samordnade rehabiliteringsinsatser uppnår eller förbättrar förmågan att utföra "
             "förvärvsarbete. " * 4),
        )),
    )
    # Ids in the order a file read assigns them, so the plan equals its own round trip.
    return plan_from_document(plan_to_document(plan))


if __name__ == "__main__":  # write it as an exchange document: python -m benchmarks.synthetic OUT.json
    import sys
    from pathlib import Path

    from finsam_desktop.storage.exchange_file import write_plan_json
    write_plan_json(synthetic_plan(), Path(sys.argv[1]), force=True)
