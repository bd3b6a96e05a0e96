"""The reference data a new installation starts with: an intergovernmental migration centre's regions, fields of
experience, funding structure, yearly exchange rates into EUR and duty stations (seeds/004, annual report 2021)."""

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from portal.reference.models import DonorCategory, DutyStation, ExchangeRate, Region, ThematicArea

#: the priority regions the organisation's work is organised in, with their report order: code, then the name in
#: English, French and Russian
REGIONS = (
    ("WBT", "Western Balkans and Turkey", "Balkans occidentaux et Turquie", "Западные Балканы и Турция"),
    (
        "EECA",
        "Eastern Europe and Central Asia",
        "Europe orientale et Asie centrale",
        "Восточная Европа и Центральная Азия",
    ),
    ("SR", "Silk Routes", "Routes de la soie", "Шёлковые пути"),
    ("MED", "Mediterranean", "Méditerranée", "Средиземноморье"),
    ("AFR", "Africa", "Afrique", "Африка"),
    ("GLOBAL", "Global and interregional", "Mondial et interrégional", "Глобальный и межрегиональный уровень"),
    (
        "PRS",
        "Policy, research and strategy",
        "Politiques, recherche et stratégie",
        "Политика, исследования и стратегия",
    ),
)

#: fields of experience: code, then the name in English, French and Russian
THEMATIC_AREAS = (
    (
        "asylum",
        "Asylum and international protection",
        "Asile et protection internationale",
        "Убежище и международная защита",
    ),
    (
        "border",
        "Border management and security",
        "Gestion des frontières et sécurité",
        "Управление границами и безопасность",
    ),
    ("capacity", "Capacity development", "Renforcement des capacités", "Развитие потенциала"),
    (
        "economy",
        "Economy, education and the private sector",
        "Économie, éducation et secteur privé",
        "Экономика, образование и частный сектор",
    ),
    ("thb", "Trafficking in human beings", "Traite des êtres humains", "Торговля людьми"),
    ("development", "Migration and development", "Migration et développement", "Миграция и развитие"),
    ("return", "Return and reintegration", "Retour et réintégration", "Возвращение и реинтеграция"),
    ("legal", "Legal migration and integration", "Migration légale et intégration", "Легальная миграция и интеграция"),
    ("dialogues", "Migration dialogues", "Dialogues sur la migration", "Миграционные диалоги"),
    ("research", "Research and policy", "Recherche et politiques", "Исследования и политика"),
)

#: the funding structure of "programme implementation by funding structure": code, then the name in English, French
#: and Russian
#: the DAC 5-digit sectors each field of experience counts for in IATI files: 15190 migration and mobility, with the
#: purpose code that names the area's own kind of work where there is one (DAC-CRS purpose codes, IATI Sector list)
THEMATIC_AREA_SECTORS = {
    "asylum": "15190 15160",  # human rights
    "border": "15190 15136",  # immigration
    "capacity": "15190 15110",  # public sector policy and administrative management
    "economy": "15190 16020",  # employment creation
    "thb": "15190 15180",  # ending violence against women and girls
    "development": "15190 24050",  # remittance facilitation
    "return": "15190",
    "legal": "15190",
    "dialogues": "15190 15110",
    "research": "15190 15196",  # government and civil society statistics and data
}

DONOR_CATEGORIES = (
    ("eu", "European Union", "Union européenne", "Европейский союз"),
    ("member_states", "Member states", "États membres", "Государства-члены"),
    ("other_states", "Other states", "Autres États", "Другие государства"),
    (
        "un_io",
        "UN and other international institutions",
        "ONU et autres institutions internationales",
        "ООН и другие международные организации",
    ),
    ("other", "Other donors", "Autres donateurs", "Другие доноры"),
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

#: (ref, city in English, French and Russian, country, opened_on, closed_on): the 29 duty stations and field offices
#: of 2021
DUTY_STATIONS = (
    ("VIE", "Vienna", "Vienne", "Вена", "AT", date(1993, 6, 1), None),
    ("BRU", "Brussels", "Bruxelles", "Брюссель", "BE", date(2004, 3, 1), None),
    ("MLA", "Valletta", "La Valette", "Валлетта", "MT", date(2019, 9, 1), None),
    ("ANK", "Ankara", "Ankara", "Анкара", "TR", date(2013, 1, 15), None),
    ("IST", "Istanbul", "Istanbul", "Стамбул", "TR", date(2021, 4, 1), None),
    ("BEG", "Belgrade", "Belgrade", "Белград", "RS", date(2015, 5, 1), None),
    ("PRN", "Pristina", "Pristina", "Приштина", "XK", date(2012, 9, 1), None),
    ("SKP", "Skopje", "Skopje", "Скопье", "MK", date(2011, 3, 1), None),
    ("SJJ", "Sarajevo", "Sarajevo", "Сараево", "BA", date(2021, 9, 1), None),
    ("NQZ", "Nur-Sultan", "Nour-Soultan", "Нур-Султан", "KZ", date(2021, 2, 1), None),
    ("FRU", "Bishkek", "Bichkek", "Бишкек", "KG", date(2021, 2, 1), None),
    ("DYU", "Dushanbe", "Douchanbé", "Душанбе", "TJ", date(2016, 6, 1), None),
    ("ASB", "Ashgabat", "Achgabat", "Ашхабад", "TM", date(2021, 3, 1), None),
    ("TAS", "Tashkent", "Tachkent", "Ташкент", "UZ", date(2021, 3, 1), None),
    ("KIV", "Chisinau", "Chisinau", "Кишинёв", "MD", date(2021, 1, 15), None),
    ("EVN", "Yerevan", "Erevan", "Ереван", "AM", date(2016, 9, 1), None),
    ("GYD", "Baku", "Bakou", "Баку", "AZ", date(2017, 2, 1), None),
    ("TBS", "Tbilisi", "Tbilissi", "Тбилиси", "GE", date(2014, 4, 1), None),
    ("KBP", "Kyiv", "Kyiv", "Киев", "UA", date(2017, 1, 10), None),
    ("KBL", "Kabul", "Kaboul", "Кабул", "AF", date(2016, 10, 1), date(2021, 8, 31)),
    ("ISB", "Islamabad", "Islamabad", "Исламабад", "PK", date(2016, 10, 1), None),
    ("DAC", "Dhaka", "Dacca", "Дакка", "BD", date(2017, 3, 1), None),
    ("BGW", "Baghdad", "Bagdad", "Багдад", "IQ", date(2017, 11, 1), None),
    ("ABV", "Abuja", "Abuja", "Абуджа", "NG", date(2018, 2, 1), None),
    ("ACC", "Accra", "Accra", "Аккра", "GH", date(2018, 6, 1), None),
    ("RAI", "Praia", "Praia", "Прая", "CV", date(2021, 6, 1), None),
    ("TUN", "Tunis", "Tunis", "Тунис", "TN", date(2016, 1, 15), None),
    ("BEY", "Beirut", "Beyrouth", "Бейрут", "LB", date(2014, 6, 1), None),
    ("AMM", "Amman", "Amman", "Амман", "JO", date(2015, 9, 1), None),
)


def exchange_rates() -> list[tuple[str, int, Decimal]]:
    """The shipped (currency, year, EUR per unit) rates."""
    return [
        (currency, FIRST_RATE_YEAR + i, Decimal(rate))
        for currency, rates in EUR_RATES.items()
        for i, rate in enumerate(rates)
    ]


def named_rows(defaults) -> list[dict]:
    """The columns of shipped regions, thematic areas or donor categories, their names in the three languages."""
    return [{"code": c, "name": en, "name_fr": fr, "name_ru": ru} for c, en, fr, ru in defaults]


def duty_station_rows() -> list[dict]:
    """The columns of the shipped duty stations, their cities in the three languages."""
    return [
        {
            "ref": ref,
            "city": city,
            "city_fr": city_fr,
            "city_ru": city_ru,
            "country": country,
            "opened_on": opened,
            "closed_on": closed,
        }
        for ref, city, city_fr, city_ru, country, opened, closed in DUTY_STATIONS
    ]


def install_defaults(session, *, reporting_currency: str = "EUR") -> dict[str, int]:
    """Add the shipped reference data that is missing (by code, ref or currency and year); returns what was added.
    Exchange rates are only shipped into EUR, so another reporting currency gets none."""
    added = {
        "regions": _add_missing(session, Region, "code", named_rows(REGIONS)),
        "thematic_areas": _add_missing(
            session,
            ThematicArea,
            "code",
            [{**row, "dac_sectors": THEMATIC_AREA_SECTORS[row["code"]]} for row in named_rows(THEMATIC_AREAS)],
        ),
        "donor_categories": _add_missing(session, DonorCategory, "code", named_rows(DONOR_CATEGORIES)),
        "duty_stations": _add_missing(session, DutyStation, "ref", duty_station_rows()),
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
