"""Rules of reference data as plain checks, for the forms and the workbook import alike."""

from datetime import date
from decimal import Decimal

from portal.i18n import lazy_gettext as _l
from portal.rules import Problem


def rate_problems(rate: Decimal | None) -> list[Problem]:
    """An exchange rate converts: one unit of a currency is worth more than nothing."""
    return [("rate", _l("The rate must be greater than zero."))] if rate is not None and rate <= 0 else []


def duty_station_problems(opened_on: date | None, closed_on: date | None) -> list[Problem]:
    """A duty station closes on or after the day it opened."""
    if opened_on is not None and closed_on is not None and closed_on < opened_on:
        return [("closed_on", _l("The closing date cannot be before the opening date."))]
    return []
