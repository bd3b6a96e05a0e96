"""The budget table: UNSDG categories 1 to 7 by organisation, line 8 and every total computed in Decimal."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_half_up(amount: Decimal) -> Decimal:
    """Round to cents, halves away from zero."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Budget:
    organisations: tuple[str, ...]
    categories: tuple[str, ...]
    #: (organisation, category) -> amount for lines 1 to 7
    amounts: dict
    #: organisation -> sum of lines 1 to 7
    direct: dict
    #: organisation -> line 8, indirect support costs
    indirect: dict
    #: organisation -> direct + indirect
    totals: dict
    #: category -> sum over organisations
    category_totals: dict
    direct_total: Decimal
    indirect_total: Decimal
    total: Decimal
    #: the indirect support cost rate of line 8
    rate: Decimal = Decimal(0)

    @property
    def is_empty(self) -> bool:
        return self.direct_total == 0

    def amount(self, organisation: str, category: str) -> Decimal:
        return self.amounts.get((organisation, category), Decimal(0))


def compute_budget(organisations, categories, amounts: dict, rate: Decimal) -> Budget:
    """Totals per organisation and category, and line 8 = rate x lines 1-7 per organisation, rounded half-up."""
    organisations, categories = tuple(organisations), tuple(categories)
    cells = {(o, c): Decimal(amounts.get((o, c)) or 0) for o in organisations for c in categories}
    direct = {o: sum((cells[(o, c)] for c in categories), Decimal(0)) for o in organisations}
    indirect = {o: round_half_up(direct[o] * rate) for o in organisations}
    totals = {o: direct[o] + indirect[o] for o in organisations}
    category_totals = {c: sum((cells[(o, c)] for o in organisations), Decimal(0)) for c in categories}
    direct_total = sum(direct.values(), Decimal(0))
    indirect_total = sum(indirect.values(), Decimal(0))
    return Budget(
        organisations,
        categories,
        cells,
        direct,
        indirect,
        totals,
        category_totals,
        direct_total,
        indirect_total,
        direct_total + indirect_total,
        rate,
    )


@dataclass(frozen=True)
class OutcomeYearBudget:
    """The direct costs shared out by outcome and programme year, with the indirect costs of each year."""

    #: outcome ids, in the results framework's order
    outcomes: tuple[int, ...]
    #: programme years 1..n
    years: tuple[int, ...]
    #: (outcome id, year) -> direct costs
    amounts: dict
    #: outcome id -> direct costs over all years
    outcome_totals: dict
    #: year -> direct costs over all outcomes
    year_totals: dict
    #: year -> indirect support costs (rate x the year's direct costs)
    year_indirect: dict
    direct_total: Decimal
    indirect_total: Decimal
    total: Decimal

    def amount(self, outcome: int, year: int) -> Decimal:
        return self.amounts.get((outcome, year), Decimal(0))


def share_out(total: Decimal, weights: dict) -> dict:
    """`total` split over the keys in proportion to their weights, in whole cents that add up to it exactly: each
    gets its share rounded down, and the cents left go to the largest remainders (the first key on a tie)."""
    cents, whole = int(total * 100), int(sum(weights.values()) * 100)
    shares = {key: divmod(cents * int(weight * 100), whole) for key, weight in weights.items()}
    left = cents - sum(share for share, _rest in shares.values())
    lucky = sorted(shares, key=lambda key: -shares[key][1])[:left]
    return {key: Decimal(share + (key in lucky)) / 100 for key, (share, _rest) in shares.items()}


def programme_years(duration_months: int | None) -> tuple[int, ...]:
    """The programme years a duration spans: (1, 2) for 18 months; one year while no duration is given."""
    return tuple(range(1, max(1, -(-(duration_months or 0) // 12)) + 1))


def compute_outcome_budget(outcomes, years, amounts: dict, rate: Decimal, by_category: Budget | None = None):
    """Totals by outcome and by year, and each year's indirect support costs: while the table shares out exactly the
    direct costs of `by_category`, that table's line 8 shared out over the years (so both tables end on the same
    total), else rate x the year's direct costs, half-up."""
    outcomes, years = tuple(outcomes), tuple(years)
    cells = {(o, y): Decimal(amounts.get((o, y)) or 0) for o in outcomes for y in years}
    outcome_totals = {o: sum((cells[(o, y)] for y in years), Decimal(0)) for o in outcomes}
    year_totals = {y: sum((cells[(o, y)] for o in outcomes), Decimal(0)) for y in years}
    direct_total = sum(year_totals.values(), Decimal(0))
    if by_category is not None and direct_total and by_category.direct_total == direct_total:
        year_indirect = share_out(by_category.indirect_total, year_totals)
    else:
        year_indirect = {y: round_half_up(year_totals[y] * rate) for y in years}
    indirect_total = sum(year_indirect.values(), Decimal(0))
    return OutcomeYearBudget(
        outcomes,
        years,
        cells,
        outcome_totals,
        year_totals,
        year_indirect,
        direct_total,
        indirect_total,
        direct_total + indirect_total,
    )
