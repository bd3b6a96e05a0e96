"""The API's list queries, with the same filters as the lists in the browser."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.dialogues.models import Dialogue
from portal.events.models import Event
from portal.funding.models import Contribution
from portal.partners.models import Partner, PartnerType
from portal.projects.models import Project, ProjectCountry, ProjectStatus

#: what an event in a list shows besides its own columns
EVENT_LOADS = (selectinload(Event.project), selectinload(Event.dialogue))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search(columns, q: str):
    pattern = _like(q.strip())
    return sa.or_(*(column.ilike(pattern, escape="\\") for column in columns))


def projects_query(
    *,
    region_id: int | None = None,
    status: ProjectStatus | None = None,
    donor_id: int | None = None,
    country: str | None = None,
    year: int | None = None,
    q: str | None = None,
):
    """Projects matching the filters, by code; `year` keeps those whose period overlaps that year."""
    query = (
        sa.select(Project)
        .order_by(Project.code)
        .options(selectinload(Project.region), selectinload(Project.country_rows), selectinload(Project.dialogue))
    )
    if region_id:
        query = query.where(Project.region_id == region_id)
    if status:
        query = query.where(Project.status == status)
    if donor_id:
        donors = sa.select(Contribution.project_id).where(Contribution.donor_id == donor_id)
        query = query.where(Project.id.in_(donors))
    if country:
        countries = sa.select(ProjectCountry.project_id).where(ProjectCountry.country == country)
        query = query.where(Project.id.in_(countries))
    if year:
        query = query.where(
            Project.start_date <= date(year, 12, 31),
            sa.or_(Project.end_date.is_(None), Project.end_date >= date(year, 1, 1)),
        )
    if q and q.strip():
        query = query.where(_search((Project.code, Project.acronym, Project.title), q))
    return query


def partners_query(*, type: PartnerType | None = None, donor_category_id: int | None = None, q: str | None = None):
    """Partners matching the filters, by name."""
    query = sa.select(Partner).order_by(Partner.name, Partner.id).options(selectinload(Partner.donor_category))
    if type:
        query = query.where(Partner.type == type)
    if donor_category_id:
        query = query.where(Partner.donor_category_id == donor_category_id)
    if q and q.strip():
        query = query.where(_search((Partner.ref, Partner.name, Partner.acronym), q))
    return query


def dialogues_query(*, region_id: int | None = None, q: str | None = None):
    """Dialogues matching the filters, by name."""
    query = (
        sa.select(Dialogue)
        .order_by(Dialogue.name, Dialogue.id)
        .options(selectinload(Dialogue.region), selectinload(Dialogue.secretariat), selectinload(Dialogue.member_rows))
    )
    if region_id:
        query = query.where(Dialogue.region_id == region_id)
    if q and q.strip():
        query = query.where(_search((Dialogue.code, Dialogue.name, Dialogue.acronym), q))
    return query
