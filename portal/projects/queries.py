"""Reads of projects: the list with its search and filters, and projects, officers and recipient countries as
choices."""

from datetime import date

import sqlalchemy as sa

from portal.accounts.access import OFFICERS
from portal.accounts.models import User
from portal.db import contains
from portal.i18n import country_name, reader_language_column
from portal.projects.models import Project, ProjectCountry, ProjectStatus
from portal.reference.models import Region
from portal.sorting import Sort, Sorting

#: how much of "code · title" a choice shows
CHOICE_LENGTH = 120
#: the project list's columns; a region sorts by its name in the reader's language
PROJECT_SORTING = Sorting(
    columns={
        "code": lambda: (sa.func.lower(Project.code),),
        "title": lambda: (sa.func.lower(reader_language_column(Project, "title")),),
        "region": lambda: (
            sa.select(sa.func.lower(reader_language_column(Region, "name")))
            .where(Region.id == Project.region_id)
            .scalar_subquery(),
        ),
        "period": lambda: (Project.start_date, Project.end_date),
        "status": lambda: (Project.status,),
    },
    default="code",
    tiebreak=Project.id,
)


def project_query(
    *,
    q: str | None = None,
    region_id: int | None = None,
    status: str | None = None,
    donor_id: int | None = None,
    country: str | None = None,
    year: int | None = None,
    sort: Sort | None = None,
):
    """Projects whose code, acronym or title (in any language) contains `q`, matching the list's filters, in the
    order `sort` asks for (by code by default); `year` keeps those whose period overlaps that year."""
    query = sa.select(Project).order_by(*PROJECT_SORTING.order_by(sort))
    searched = (Project.code, Project.acronym, Project.title, Project.title_fr, Project.title_ru)
    if (found := contains(searched, q)) is not None:
        query = query.where(found)
    if region_id:
        query = query.where(Project.region_id == region_id)
    if status:
        query = query.where(Project.status == ProjectStatus(status))
    if donor_id:
        query = query.where(Project.contributions.any(donor_id=donor_id))
    if country:
        query = query.where(
            Project.id.in_(sa.select(ProjectCountry.project_id).where(ProjectCountry.country == country.upper()))
        )
    if year:
        query = query.where(
            Project.start_date <= date(year, 12, 31),
            sa.or_(Project.end_date.is_(None), Project.end_date >= date(year, 1, 1)),
        )
    return query


def project_choices(session) -> list[tuple]:
    """(id, "code · title") of every project, by code, the title in the reader's language."""
    query = sa.select(Project.id, Project.code, reader_language_column(Project, "title")).order_by(Project.code)
    return [(i, f"{code} · {title}"[:CHOICE_LENGTH]) for i, code, title in session.execute(query)]


def officer_choices(session, *, keep_id: int | None = None) -> list[tuple]:
    """(id, name) of enabled officers and administrators, plus user `keep_id` (a project's current officer) whatever
    their role now."""
    query = (
        sa.select(User.id, User.name)
        .where(sa.or_(sa.and_(User.role.in_(OFFICERS), User.is_enabled.is_(True)), User.id == (keep_id or -1)))
        .order_by(User.name)
    )
    return [(i, name) for i, name in session.execute(query)]


def country_filter_choices(session) -> list[tuple]:
    """(code, name) of the recipient countries that at least one project has, by name."""
    codes = session.scalars(sa.select(ProjectCountry.country).distinct())
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1].casefold())
