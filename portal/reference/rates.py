"""Currency conversion under key-figures.md: round_half_up(amount * rate, 2) per item, a missing rate is an error;
and whole percentages that add up to 100 (largest remainder)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import sqlalchemy as sa

from portal.extensions import db
from portal.reference.models import ExchangeRate

CENT = Decimal("0.01")


def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def has_rate(currency: str, year: int, reporting_currency: str) -> bool:
    """Whether amounts in `currency` of `year` can be converted into the reporting currency."""
    if currency.upper() == reporting_currency.upper():
        return True
    found = sa.select(ExchangeRate.id).where(sa.func.upper(ExchangeRate.currency) == currency.upper())
    return db.session.scalar(found.where(ExchangeRate.year == year).limit(1)) is not None


class MissingRate(Exception):
    """No exchange rate for (currency, year); carries both so the message can name them."""

    def __init__(self, currency: str, year: int):
        super().__init__(f"No exchange rate for {currency} in {year}")
        self.currency = currency
        self.year = year


@dataclass
class RateTable:
    """The yearly rates into one reporting currency, loaded once per computation."""

    reporting_currency: str
    rates: dict[tuple[str, int], Decimal] = field(default_factory=dict)

    @classmethod
    def load(cls, session, reporting_currency: str) -> "RateTable":
        """Read every rate from the database."""
        rows = session.execute(sa.select(ExchangeRate.currency, ExchangeRate.year, ExchangeRate.rate))
        return cls(reporting_currency, {(c.upper(), y): Decimal(r) for c, y, r in rows})

    def rate(self, currency: str, year: int) -> Decimal:
        """Units of the reporting currency for one unit of `currency` in `year`."""
        currency = currency.upper()
        if currency == self.reporting_currency:
            return Decimal(1)
        try:
            return self.rates[(currency, year)]
        except KeyError:
            raise MissingRate(currency, year) from None

    def convert(self, amount: Decimal, currency: str, year: int) -> Decimal:
        """One item in the reporting currency, rounded half-up to cents."""
        return round_money(Decimal(amount) * self.rate(currency, year))

    def convert_exact(self, amount: Decimal, currency: str, year: int) -> Decimal:
        """The unrounded product, for shares that are rounded once at the end."""
        return Decimal(amount) * self.rate(currency, year)


def largest_remainder(amounts) -> list[int]:
    """Whole percentages adding up to 100: floors, then the remaining points to the largest remainders, ties to
    the first listed; all zeros when the total is zero."""
    amounts = [Fraction(a) for a in amounts]
    total = sum(amounts)
    if not total:
        return [0] * len(amounts)
    exact = [a * 100 / total for a in amounts]
    percents = [int(e) for e in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - percents[i]), i))
    for i in by_remainder[: 100 - sum(percents)]:
        percents[i] += 1
    return percents
