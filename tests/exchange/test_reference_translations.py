"""The workbook carries the French and Russian names of regions, thematic areas, donor categories and duty stations
in optional columns: exported and re-imported exactly, a changed translation imported, a workbook without them
accepted."""

import sqlalchemy as sa

from portal.exchange import services
from portal.extensions import db
from portal.reference.defaults import install_defaults
from portal.reference.models import DutyStation, Region
from tests.exchange import workbooks

SHEETS = ("regions", "thematic_areas", "donor_categories", "duty_stations")


def _rows(path, sheet):
    header, *rows = workbooks.read(path)[sheet]
    # a row's trailing empty cells may be left out
    return [dict(zip(header, (*row, *[None] * (len(header) - len(row))), strict=True)) for row in rows]


def test_the_translations_go_out_and_come_back_unchanged(app, tmp_path, empty_database):
    install_defaults(db.session)
    db.session.scalar(sa.select(Region).where(Region.code == "PRS")).name_ru = None  # one left untranslated
    db.session.commit()
    services.export_workbook(tmp_path / "first.xlsx", personal_data=True)
    first = {sheet: _rows(tmp_path / "first.xlsx", sheet) for sheet in SHEETS}
    wbt = next(row for row in first["regions"] if row["code"] == "WBT")
    assert (wbt["name_fr"], wbt["name_ru"]) == ("Balkans occidentaux et Turquie", "Западные Балканы и Турция")
    vienna = next(row for row in first["duty_stations"] if row["ref"] == "VIE")
    assert (vienna["city_fr"], vienna["city_ru"]) == ("Vienne", "Вена")

    unchanged = services.import_workbook(tmp_path / "first.xlsx", dry_run=True)
    assert unchanged.ok and all(unchanged.counts[sheet].updated == 0 for sheet in SHEETS)

    empty_database()
    assert services.import_workbook(tmp_path / "first.xlsx").ok
    db.session.commit()
    services.export_workbook(tmp_path / "second.xlsx", personal_data=True)
    assert {sheet: _rows(tmp_path / "second.xlsx", sheet) for sheet in SHEETS} == first
    assert db.session.scalar(sa.select(Region).where(Region.code == "PRS")).name_ru is None


def test_a_changed_translation_is_imported(app, tmp_path):
    path = workbooks.save(
        tmp_path / "in.xlsx",
        {
            "regions": [["code", "name", "name_fr", "name_ru"], ["WA", "West Africa", "Afrique de l'Ouest", None]],
            "duty_stations": [
                ["ref", "city", "city_ru", "country"],
                ["DS-BRU", "Brussels", "Брюссель", "BE"],
            ],
        },
    )
    assert services.import_workbook(path).ok
    db.session.commit()
    region = db.session.scalar(sa.select(Region))
    assert (region.name_fr, region.name_ru) == ("Afrique de l'Ouest", None)
    assert db.session.scalar(sa.select(DutyStation)).city_ru == "Брюссель"

    changed = workbooks.save(
        tmp_path / "changed.xlsx",
        {
            "regions": [
                ["code", "name", "name_fr", "name_ru"],
                ["WA", "West Africa", "Afrique de l'Ouest", "Западная Африка"],
            ]
        },
    )
    report = services.import_workbook(changed)
    assert report.ok and report.counts["regions"].updated == 1
    db.session.commit()
    db.session.refresh(region)
    assert region.name_ru == "Западная Африка"


def test_a_workbook_without_the_translation_columns_is_accepted(app, tmp_path):
    path = workbooks.save(tmp_path / "in.xlsx", {"regions": [["code", "name"], ["WA", "West Africa"]]})
    assert services.import_workbook(path).ok
    db.session.commit()
    assert db.session.scalar(sa.select(Region)).name_fr is None
