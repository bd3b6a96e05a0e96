"""Rules of reference data as plain checks, for the forms and the workbook import alike."""

import re
from datetime import date
from decimal import Decimal

from portal.i18n import lazy_gettext as _l
from portal.reference import codelists
from portal.rules import Problem


def sector_codes(text: str | None) -> str:
    """DAC sector codes as stored: separated by single spaces, each once, whatever separated them when typed."""
    codes = re.split(r"[\s,;]+", (text or "").strip())
    return " ".join(dict.fromkeys(code for code in codes if code))


def dac_sector_problems(text: str | None) -> list[Problem]:
    """A thematic area counts for one or more DAC 5-digit sectors of the IATI Sector codelist."""
    codes = sector_codes(text).split()
    if not codes:
        return [("dac_sectors", _l("Give at least one DAC 5-digit sector code, for example 15190."))]
    unknown = [code for code in codes if not codelists.is_code("Sector", code)]
    if unknown:
        return [
            (
                "dac_sectors",
                _l("Not DAC 5-digit sector codes of the IATI codelist: %(codes)s.", codes=", ".join(unknown)),
            )
        ]
    return []


def rate_problems(rate: Decimal | None) -> list[Problem]:
    """An exchange rate converts: one unit of a currency is worth more than nothing."""
    return [("rate", _l("The rate must be greater than zero."))] if rate is not None and rate <= 0 else []


def duty_station_problems(opened_on: date | None, closed_on: date | None) -> list[Problem]:
    """A duty station closes on or after the day it opened."""
    if opened_on is not None and closed_on is not None and closed_on < opened_on:
        return [("closed_on", _l("The closing date cannot be before the opening date."))]
    return []
