"""Hand-made portfolio workbooks for the exchange tests."""

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook


def save(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write a workbook whose sheets hold the given rows (the first row is the header)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        worksheet = workbook.create_sheet(name)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def read(path) -> dict[str, list[tuple]]:
    """Every sheet's rows as values, header included."""
    workbook = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    finally:
        workbook.close()


def portfolio() -> dict[str, list[list]]:
    """A small portfolio that uses every sheet and column, in shuffled column orders."""
    return {
        "regions": [["name", "code"], ["Eastern Europe", "EE"], ["West Africa", "WA"]],
        "thematic_areas": [["code", "name"], ["LAB", "Labour migration"], ["RET", "Return"]],
        "donor_categories": [["code", "name"], ["EU", "European Union"], ["MS", "Member states"]],
        "exchange_rates": [
            ["currency", "year", "rate"],
            ["USD", 2021, 0.85],
            ["USD", 2022, "0.95123456"],
            ["CHF", 2022, 1.02],
        ],
        "duty_stations": [
            ["ref", "city", "country", "opened_on", "closed_on"],
            ["DS-VIE", "Vienna", "AT", date(2010, 1, 1), None],
            ["DS-PRN", "Pristina", "XK", "2015-03-01", "2024-12-31"],
        ],
        "partners": [
            ["ref", "name", "acronym", "type", "donor_category", "country", "iati_ref"],
            ["EU-COM", "European Commission", "EC", "eu_institution", "EU", "BE", "XI-IATI-EC_INTPA"],
            ["CH", "Switzerland", None, "government", "MS", "CH", "XM-DAC-11-1"],
            ["NGO1", '=HYPERLINK("http://x","click")', "+NGO", "civil_society", None, None, None],
        ],
        "dialogues": [
            ["code", "name", "acronym", "region", "secretariat", "members", "started_on"],
            ["BP", "Budapest Process", "BP", "EE", "EU-COM", "AT; XK;CH", "1993-01-01"],
            ["RP", "Rabat Process", None, None, None, None, None],
        ],
        "chairmanships": [
            ["dialogue", "country", "start_date", "end_date"],
            ["BP", "AT", "2020-01-01", "2021-12-31"],
            ["BP", "CH", "2022-01-01", None],
        ],
        "projects": [
            [
                "code",
                "title",
                "acronym",
                "region",
                "thematic_areas",
                "countries",
                "status",
                "start_date",
                "end_date",
                "currency",
                "duty_station",
                "dialogue",
                "description",
            ],
            [
                "PRJ-1",
                "Labour mobility",
                "LM",
                "EE",
                "LAB; RET",
                "XK; AT",
                "active",
                datetime(2021, 1, 1),
                "2023-12-31",
                "EUR",
                "DS-VIE",
                "BP",
                "-starts with a dash",
            ],
            ["PRJ-2", "Returns", None, "WA", None, None, "pipeline", "2022-05-01", None, "USD", None, None, None],
        ],
        "contributions": [
            ["ref", "project", "donor", "amount", "currency", "signed_on"],
            ["C-1", "PRJ-1", "EU-COM", 1500000, "EUR", "2021-02-01"],
            ["C-2", "PRJ-2", "CH", "250000.50", "USD", "2022-06-01"],
        ],
        "expenditure": [
            ["project", "year", "amount", "currency"],
            ["PRJ-1", 2021, 400000.25, "EUR"],
            ["PRJ-1", 2022, "380000", "EUR"],
            ["PRJ-2", 2022, 1000, "USD"],
        ],
        "revenue": [
            ["ref", "year", "type", "partner", "amount", "currency"],
            ["REV-1", 2022, "membership", "CH", 50000, "CHF"],
            ["REV-2", 2021, "other", None, 10, "EUR"],
        ],
        "events": [
            [
                "ref",
                "title",
                "type",
                "start_date",
                "end_date",
                "mode",
                "city",
                "country",
                "project",
                "dialogue",
                "partners",
                "in_person_count",
                "online_count",
            ],
            [
                "EV-1",
                "Senior officials",
                "senior_officials_meeting",
                "2022-03-01",
                "2022-03-02",
                "in_person",
                "Vienna",
                "AT",
                "PRJ-1",
                "BP",
                "EU-COM; CH",
                40,
                None,
            ],
            [
                "EV-2",
                "@webinar",
                "webinar",
                "2022-04-01",
                "2022-04-01",
                "online",
                None,
                None,
                None,
                None,
                None,
                None,
                120,
            ],
        ],
        "participants": [
            ["ref", "first_name", "last_name", "gender", "email", "organisation", "sector", "country", "consent"],
            ["PER-1", "Ana", "Novak", "female", "ana.novak@example.org", "EU-COM", "international_org", "SI", "yes"],
            ["PER-2", "=cmd|' /C calc'!A0", "Berisha", "male", None, None, "government", "XK", False],
            ["PER-3", "Ivan", "Petrov", "undisclosed", "IVAN@example.org", None, "other", None, 1],
        ],
        "attendance": [
            ["event", "participant", "role", "mode", "attended"],
            ["EV-1", "PER-1", "speaker", "in_person", "yes"],
            ["EV-1", "PER-2", "participant", "online", "no"],
            ["EV-2", "PER-3", "participant", None, "true"],
        ],
    }
