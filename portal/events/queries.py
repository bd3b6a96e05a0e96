"""Reads of events: the list with its filters and the events of a period. Who took part, and how many, the
participants domain counts (participants.queries)."""

from datetime import date

import sqlalchemy as sa

from portal.db import contains
from portal.events.models import Event, EventMode, EventType
from portal.i18n import reader_language_column
from portal.projects.models import Project
from portal.sorting import Sort, Sorting

#: how many projects the list's project search offers
PROJECT_MATCHES = 20
#: the event list's columns; titles sort as the reader sees them
EVENT_SORTING = Sorting(
    columns={
        "dates": lambda: (Event.start_date,),
        "title": lambda: (sa.func.lower(reader_language_column(Event, "title")),),
        "type": lambda: (Event.type,),
        "mode": lambda: (Event.mode,),
        "place": lambda: (sa.func.lower(Event.city), Event.country),
        "project": lambda: (
            sa.select(sa.func.lower(Project.code)).where(Project.id == Event.project_id).scalar_subquery(),
        ),
    },
    default="-dates",
    tiebreak=Event.id,
)


def _matching_projects(text: str):
    """The ids of the projects whose code is `text` or whose code, acronym or title contains it, as SQL."""
    found = contains((Project.code, Project.acronym, Project.title, Project.title_fr, Project.title_ru), text)
    return sa.select(Project.id).where(sa.or_(sa.func.lower(Project.code) == text.strip().lower(), found))


def project_matches(session, text: str | None) -> list[tuple[str, str]]:
    """(code, title) of the first projects matching the list's project search, by code: the choices it offers."""
    if not text or not text.strip():
        return []
    query = (
        sa.select(Project.code, Project.title)
        .where(Project.id.in_(_matching_projects(text)))
        .order_by(sa.func.lower(Project.code))
        .limit(PROJECT_MATCHES)
    )
    return [(code, title) for code, title in session.execute(query)]


def events_query(
    *,
    year: int | None = None,
    type: str | None = None,
    dialogue_id: int | None = None,
    project_id: int | None = None,
    country: str | None = None,
    mode: str | None = None,
    q: str | None = None,
    project: str | None = None,
    sort: Sort | None = None,
):
    """Events matching the list's filters, latest first unless `sort` asks otherwise: `q` is found in the title (in
    any language), reference or city; `project` is a project's code or a part of its code, acronym or title."""
    query = sa.select(Event).order_by(*EVENT_SORTING.order_by(sort))
    searched = (Event.title, Event.title_fr, Event.title_ru, Event.ref, Event.city)
    if (found := contains(searched, q)) is not None:
        query = query.where(found)
    if project and project.strip():
        query = query.where(Event.project_id.in_(_matching_projects(project)))
    if year:
        query = query.where(Event.start_date.between(date(year, 1, 1), date(year, 12, 31)))
    if type:
        query = query.where(Event.type == EventType(type))
    if dialogue_id:
        query = query.where(Event.dialogue_id == dialogue_id)
    if project_id:
        query = query.where(Event.project_id == project_id)
    if country:
        query = query.where(Event.country == country)
    if mode:
        query = query.where(Event.mode == EventMode(mode))
    return query


def events_between(session, first: date, last: date) -> list[Event]:
    """Events that take place on at least one day from `first` to `last`, by start date and title in the reader's
    language."""
    query = sa.select(Event).where(Event.start_date <= last, Event.end_date >= first)
    return list(session.scalars(query.order_by(Event.start_date, reader_language_column(Event, "title"))))
