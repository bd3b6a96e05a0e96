"""Rules of contributions, expenditure and revenue as plain checks, for the services and the workbook import alike."""

from collections.abc import Container
from decimal import Decimal

from portal.i18n import lazy_gettext as _l
from portal.rules import Problem


def amount_problems(amount: Decimal | None) -> list[Problem]:
    """Money received or spent is never negative (a refund is a smaller amount, not a negative one)."""
    if amount is not None and amount < 0:
        return [("amount", _l("The amount cannot be negative."))]
    return []


def ref_problems(ref: str, taken: Container[str]) -> list[Problem]:
    """A contribution's or a revenue entry's reference names one record; `taken` holds the others' references."""
    return [("ref", _l("The reference %(ref)s is already used.", ref=ref))] if ref in taken else []


def expenditure_year_problems(year: int, taken: Container[int]) -> list[Problem]:
    """A project has one expenditure entry per year; `taken` holds the years of its other entries."""
    if year in taken:
        return [("year", _l("The project already has expenditure for %(year)s: edit that entry instead.", year=year))]
    return []
