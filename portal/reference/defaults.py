"""The reference data a new installation starts with: an intergovernmental migration centre's regions, fields of
experience, funding structure, yearly exchange rates into EUR and duty stations (seeds/004, annual report 2021)."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea

#: the priority regions the organisation's work is organised in, with their report order
REGIONS = (
    ("WBT", "Western Balkans and Turkey"),
    ("EECA", "Eastern Europe and Central Asia"),
    ("SR", "Silk Routes"),
    ("MED", "Mediterranean"),
    ("AFR", "Africa"),
    ("GLOBAL", "Global and interregional"),
    ("PRS", "Policy, research and strategy"),
)

#: fields of experience
THEMATIC_AREAS = (
    ("asylum", "Asylum and international protection"),
    ("border", "Border management and security"),
    ("capacity", "Capacity development"),
    ("economy", "Economy, education and the private sector"),
    ("thb", "Trafficking in human beings"),
    ("development", "Migration and development"),
    ("return", "Return and reintegration"),
    ("legal", "Legal migration and integration"),
    ("dialogues", "Migration dialogues"),
    ("research", "Research and policy"),
)

#: the funding structure of "programme implementation by funding structure"
DONOR_CATEGORIES = (
    ("eu", "European Union"),
    ("member_states", "Member states"),
    ("other_states", "Other states"),
    ("un_io", "UN and other international institutions"),
    ("other", "Other donors"),
)

#: EUR for one unit of the currency, annual averages of the ECB reference rates (2025-2026 estimated)
EUR_RATES = {
    "USD": (
        "0.9034",
        "0.8852",
        "0.8467",
        "0.8933",
        "0.8755",
        "0.8455",
        "0.9497",
        "0.9248",
        "0.9239",
        "0.8850",
        "0.8620",
    ),
    "CHF": (
        "0.9173",
        "0.8995",
        "0.8658",
        "0.8990",
        "0.9341",
        "0.9250",
        "0.9953",
        "1.0290",
        "1.0498",
        "1.0672",
        "1.0753",
    ),
    "GBP": (
        "1.2203",
        "1.1406",
        "1.1303",
        "1.1392",
        "1.1240",
        "1.1633",
        "1.1726",
        "1.1497",
        "1.1812",
        "1.1669",
        "1.1494",
    ),
    "SEK": (
        "0.1056",
        "0.1038",
        "0.0975",
        "0.0944",
        "0.0954",
        "0.0986",
        "0.0941",
        "0.0871",
        "0.0875",
        "0.0909",
        "0.0917",
    ),
    "NOK": (
        "0.1076",
        "0.1072",
        "0.1042",
        "0.1015",
        "0.0933",
        "0.0984",
        "0.0990",
        "0.0875",
        "0.0860",
        "0.0855",
        "0.0862",
    ),
    "DKK": (
        "0.1343",
        "0.1344",
        "0.1342",
        "0.1339",
        "0.1342",
        "0.1345",
        "0.1344",
        "0.1342",
        "0.1341",
        "0.1340",
        "0.1340",
    ),
    "TRY": (
        "0.2991",
        "0.2427",
        "0.1752",
        "0.1573",
        "0.1242",
        "0.0951",
        "0.0574",
        "0.0388",
        "0.0281",
        "0.0233",
        "0.0200",
    ),
}
FIRST_RATE_YEAR = 2016

#: (ref, city, country, opened_on, closed_on): the 29 duty stations and field offices of 2021
DUTY_STATIONS = (
    ("VIE", "Vienna", "AT", date(1993, 6, 1), None),
    ("BRU", "Brussels", "BE", date(2004, 3, 1), None),
    ("MLA", "Valletta", "MT", date(2019, 9, 1), None),
    ("ANK", "Ankara", "TR", date(2013, 1, 15), None),
    ("IST", "Istanbul", "TR", date(2021, 4, 1), None),
    ("BEG", "Belgrade", "RS", date(2015, 5, 1), None),
    ("PRN", "Pristina", "XK", date(2012, 9, 1), None),
    ("SKP", "Skopje", "MK", date(2011, 3, 1), None),
    ("SJJ", "Sarajevo", "BA", date(2021, 9, 1), None),
    ("NQZ", "Nur-Sultan", "KZ", date(2021, 2, 1), None),
    ("FRU", "Bishkek", "KG", date(2021, 2, 1), None),
    ("DYU", "Dushanbe", "TJ", date(2016, 6, 1), None),
    ("ASB", "Ashgabat", "TM", date(2021, 3, 1), None),
    ("TAS", "Tashkent", "UZ", date(2021, 3, 1), None),
    ("KIV", "Chisinau", "MD", date(2021, 1, 15), None),
    ("EVN", "Yerevan", "AM", date(2016, 9, 1), None),
    ("GYD", "Baku", "AZ", date(2017, 2, 1), None),
    ("TBS", "Tbilisi", "GE", date(2014, 4, 1), None),
    ("KBP", "Kyiv", "UA", date(2017, 1, 10), None),
    ("KBL", "Kabul", "AF", date(2016, 10, 1), date(2021, 8, 31)),
    ("ISB", "Islamabad", "PK", date(2016, 10, 1), None),
    ("DAC", "Dhaka", "BD", date(2017, 3, 1), None),
    ("BGW", "Baghdad", "IQ", date(2017, 11, 1), None),
    ("ABV", "Abuja", "NG", date(2018, 2, 1), None),
    ("ACC", "Accra", "GH", date(2018, 6, 1), None),
    ("RAI", "Praia", "CV", date(2021, 6, 1), None),
    ("TUN", "Tunis", "TN", date(2016, 1, 15), None),
    ("BEY", "Beirut", "LB", date(2014, 6, 1), None),
    ("AMM", "Amman", "JO", date(2015, 9, 1), None),
)


def exchange_rates() -> list[tuple[str, int, Decimal]]:
    """The shipped (currency, year, EUR per unit) rates."""
    return [
        (currency, FIRST_RATE_YEAR + i, Decimal(rate))
        for currency, rates in EUR_RATES.items()
        for i, rate in enumerate(rates)
    ]


def install_defaults(session, *, reporting_currency: str = "EUR") -> dict[str, int]:
    """Add the shipped reference data that is missing (by code, ref or currency and year); returns what was added.
    Exchange rates are only shipped into EUR, so another reporting currency gets none."""
    added = {
        "regions": _add_missing(session, Region, "code", [{"code": c, "name": n} for c, n in REGIONS]),
        "thematic_areas": _add_missing(
            session, ThematicArea, "code", [{"code": c, "name": n} for c, n in THEMATIC_AREAS]
        ),
        "donor_categories": _add_missing(
            session, DonorCategory, "code", [{"code": c, "name": n} for c, n in DONOR_CATEGORIES]
        ),
        "duty_stations": _add_missing(
            session,
            DutyStation,
            "ref",
            [
                {"ref": ref, "city": city, "country": country, "opened_on": opened, "closed_on": closed}
                for ref, city, country, opened, closed in DUTY_STATIONS
            ],
        ),
        "exchange_rates": 0,
    }
    if reporting_currency.upper() == "EUR":
        have = {(c, y) for c, y in session.execute(sa.select(ExchangeRate.currency, ExchangeRate.year))}
        rows = [ExchangeRate(currency=c, year=y, rate=r) for c, y, r in exchange_rates() if (c, y) not in have]
        session.add_all(rows)
        added["exchange_rates"] = len(rows)
    session.flush()
    return added


def _add_missing(session, model, key: str, rows: list[dict]) -> int:
    have = set(session.scalars(sa.select(getattr(model, key))))
    missing = [model(**row) for row in rows if row[key] not in have]
    session.add_all(missing)
    return len(missing)
