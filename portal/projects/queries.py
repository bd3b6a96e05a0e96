"""Reads of projects: the list with its search and filters, and projects, officers and recipient countries as
choices."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from portal.accounts.access import OFFICERS
from portal.accounts.models import User
from portal.concept_notes.defaults import shipped_entries
from portal.concept_notes.models import ReferenceItem, ReferenceKind
from portal.concept_notes.reference_lists import entries
from portal.db import contains
from portal.i18n import country_name, reader_language_column
from portal.projects.models import (
    Deliverable,
    ImplementerRole,
    Project,
    ProjectCountry,
    ProjectGcmObjective,
    ProjectIndicator,
    ProjectOutput,
    ProjectPartner,
    ProjectStatus,
)
from portal.projects.rules import GCM_CODES
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
    gcm: str | None = None,
    sort: Sort | None = None,
):
    """Projects whose code, acronym or title (in any language) contains `q`, matching the list's filters, in the
    order `sort` asks for (by code by default); `year` keeps those whose period overlaps that year, `gcm` those
    that work towards that GCM objective."""
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
    if gcm:
        query = query.where(
            Project.id.in_(sa.select(ProjectGcmObjective.project_id).where(ProjectGcmObjective.code == gcm))
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


def implemented_by(session, partner_id: int) -> list:
    """The partner's roles in the projects it implements, with their projects, by project code."""
    query = (
        sa.select(ProjectPartner)
        .join(ProjectPartner.project)
        .where(ProjectPartner.partner_id == partner_id)
        .options(contains_eager(ProjectPartner.project))
        .order_by(sa.func.lower(Project.code))
    )
    return list(session.scalars(query))


def implementation_of(session, project_id: int) -> tuple[list, list]:
    """The project's implementers (by role, then partner name) with their partners, and its deliverables by due
    date."""
    implementers = session.scalars(
        sa.select(ProjectPartner)
        .join(ProjectPartner.partner)
        .where(ProjectPartner.project_id == project_id)
        .options(contains_eager(ProjectPartner.partner))
    ).all()
    roles = list(ImplementerRole)
    implementers = sorted(implementers, key=lambda row: (roles.index(row.role), row.partner.name.casefold()))
    deliverables = session.scalars(
        sa.select(Deliverable).where(Deliverable.project_id == project_id).order_by(Deliverable.due_on, Deliverable.id)
    ).all()
    return implementers, list(deliverables)


def gcm_objective_titles() -> dict[str, str]:
    """{number: "number. short label"} of all 23 objectives of the Global Compact in the reader's language, in their
    order: as the concept-note reference list words them, or as shipped where that list lacks one."""
    items = {entry["code"]: ReferenceItem(**entry) for entry in shipped_entries(ReferenceKind.GCM_OBJECTIVE)}
    items |= {item.code: item for item in entries(ReferenceKind.GCM_OBJECTIVE, active_only=False)}
    return {
        code: f"{code}. {item.display_label}"
        for code, item in sorted(items.items(), key=lambda pair: int(pair[0]))
        if code in GCM_CODES
    }


def project_results(session, project_id: int) -> list[ProjectOutput]:
    """The project's outputs by number, each with its indicators by number and their actuals by year."""
    query = (
        sa.select(ProjectOutput)
        .where(ProjectOutput.project_id == project_id)
        .order_by(ProjectOutput.number)
        .options(selectinload(ProjectOutput.indicators).selectinload(ProjectIndicator.results))
    )
    return list(session.scalars(query))
