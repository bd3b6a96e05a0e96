"""Reads of reference data: the lists of the admin pages, and regions, thematic areas, duty stations and donor
categories as choices."""

import sqlalchemy as sa

from portal.db import contains
from portal.reference.models import DonorCategory, DutyStation, Region, ThematicArea


def region_choices(session, *, by_code: bool = False) -> list[tuple]:
    """(id, name) of every region, by name; by_code gives (code, name), for filters that links carry."""
    key = Region.code if by_code else Region.id
    return [(value, name) for value, name in session.execute(sa.select(key, Region.name).order_by(Region.name))]


def thematic_area_choices(session) -> list[tuple]:
    """(id, name) of every thematic area, in code order."""
    query = sa.select(ThematicArea.id, ThematicArea.name).order_by(ThematicArea.code)
    return [(area_id, name) for area_id, name in session.execute(query)]


def duty_station_choices(session) -> list[tuple]:
    """(id, "ref · city") of every duty station, by ref."""
    query = sa.select(DutyStation.id, DutyStation.ref, DutyStation.city).order_by(DutyStation.ref)
    return [(station_id, f"{ref} · {city}") for station_id, ref, city in session.execute(query)]


def donor_category_choices(session, *, by_code: bool = False) -> list[tuple]:
    """(id, name) of every donor category, by name; by_code gives (code, name), for filters that links carry."""
    key = DonorCategory.code if by_code else DonorCategory.id
    query = sa.select(key, DonorCategory.name).order_by(DonorCategory.name)
    return [(value, name) for value, name in session.execute(query)]


def reference_query(model, q: str | None, order):
    """Rows of one kind of reference data whose text columns contain `q`, in the given order."""
    query = sa.select(model).order_by(*order)
    columns = [column for column in model.__table__.columns if isinstance(column.type, sa.String)]
    if (found := contains(columns, q)) is not None:
        query = query.where(found)
    return query
