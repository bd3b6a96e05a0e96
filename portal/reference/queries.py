"""Reads of reference data: the lists of the admin pages, and regions, thematic areas, duty stations and donor
categories as choices."""

import sqlalchemy as sa

from portal.db import contains
from portal.i18n import OTHER_LANGUAGES, reader_language_column
from portal.reference.models import DonorCategory, DutyStation, Region, ThematicArea


def region_choices(session, *, by_code: bool = False) -> list[tuple]:
    """(id, name) of every region, by name in the reader's language; by_code gives (code, name), for filters that
    links carry."""
    key = Region.code if by_code else Region.id
    name = reader_language_column(Region, "name")
    return [(value, text) for value, text in session.execute(sa.select(key, name).order_by(name))]


def thematic_area_choices(session) -> list[tuple]:
    """(id, name in the reader's language) of every thematic area, in code order."""
    query = sa.select(ThematicArea.id, reader_language_column(ThematicArea, "name")).order_by(ThematicArea.code)
    return [(area_id, name) for area_id, name in session.execute(query)]


def duty_station_choices(session) -> list[tuple]:
    """(id, "ref · city") of every duty station, by ref, the city in the reader's language."""
    city = reader_language_column(DutyStation, "city")
    query = sa.select(DutyStation.id, DutyStation.ref, city).order_by(DutyStation.ref)
    return [(station_id, f"{ref} · {text}") for station_id, ref, text in session.execute(query)]


def donor_category_choices(session, *, by_code: bool = False) -> list[tuple]:
    """(id, name) of every donor category, by name in the reader's language; by_code gives (code, name), for filters
    that links carry."""
    key = DonorCategory.code if by_code else DonorCategory.id
    name = reader_language_column(DonorCategory, "name")
    return [(value, text) for value, text in session.execute(sa.select(key, name).order_by(name))]


def missing_languages(record, fields) -> list[str]:
    """The languages (fr, ru) in which one of the record's texts `fields`, written in English, has no translation."""
    return [
        language
        for language in OTHER_LANGUAGES
        if any(getattr(record, field) and not getattr(record, f"{field}_{language}") for field in fields)
    ]


def untranslated(model, field: str):
    """SQL: the row lacks the French or the Russian version of its text `field`."""
    columns = [getattr(model, f"{field}_{language}") for language in OTHER_LANGUAGES]
    return sa.or_(*(sa.func.coalesce(column, "") == "" for column in columns))


def entry_counts(session, model, field: str | None) -> tuple[int, int]:
    """How many rows `model` has, and how many of them lack the French or the Russian version of their text `field`
    (none when it has no such text)."""
    lacking = sa.func.count().filter(untranslated(model, field)) if field else sa.literal(0)
    total, missing = session.execute(sa.select(sa.func.count(), lacking).select_from(model)).one()
    return total, missing


def reference_query(model, q: str | None, order, *, untranslated_field: str | None = None):
    """Rows of one kind of reference data whose text columns contain `q`, in the given order; only those lacking a
    translation of `untranslated_field` when it is given."""
    query = sa.select(model).order_by(*order)
    if untranslated_field:
        query = query.where(untranslated(model, untranslated_field))
    columns = [column for column in model.__table__.columns if isinstance(column.type, sa.String)]
    if (found := contains(columns, q)) is not None:
        query = query.where(found)
    return query
