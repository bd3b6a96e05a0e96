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
    )
