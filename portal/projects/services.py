from datetime import date

import sqlalchemy as sa

from portal.accounts.access import OFFICERS
from portal.accounts.models import User
from portal.dialogues.models import Dialogue
from portal.errors import DomainError
from portal.extensions import db
from portal.funding.models import Contribution
from portal.i18n import country_name, is_country
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner
from portal.projects.models import Project, ProjectCountry, ProjectStatus
from portal.projects.rules import code_taken_message
from portal.reference.models import DutyStation, Region, ThematicArea


def project_query(*, q=None, region_id=None, status=None, donor_id=None, country=None, year=None):
    """Projects matching a search on code, acronym or title and the list's filters, by code."""
    query = sa.select(Project).order_by(Project.code)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(Project.code).like(like),
                sa.func.lower(Project.acronym).like(like),
                sa.func.lower(Project.title).like(like),
            )
        )
    if region_id:
        query = query.where(Project.region_id == region_id)
    if status:
        query = query.where(Project.status == ProjectStatus(status))
    if donor_id:
        query = query.where(Project.id.in_(sa.select(Contribution.project_id).where(Contribution.donor_id == donor_id)))
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


def _choices(rows, blank) -> list[tuple]:
    return ([("", blank)] if blank is not None else []) + [(str(i), label) for i, label in rows]


def region_choices(blank=None) -> list[tuple]:
    """(id, name) of every region."""
    return _choices(db.session.execute(sa.select(Region.id, Region.name).order_by(Region.name)), blank)


def thematic_area_choices() -> list[tuple]:
    """(id, name) of every thematic area."""
    return [
        (i, name)
        for i, name in db.session.execute(sa.select(ThematicArea.id, ThematicArea.name).order_by(ThematicArea.code))
    ]


def duty_station_choices(blank="—") -> list[tuple]:
    """(id, "ref · city") of every duty station."""
    rows = db.session.execute(sa.select(DutyStation.id, DutyStation.ref, DutyStation.city).order_by(DutyStation.ref))
    return _choices(((i, f"{ref} · {city}") for i, ref, city in rows), blank)


def dialogue_choices(blank="—") -> list[tuple]:
    """(id, name) of every dialogue."""
    return _choices(db.session.execute(sa.select(Dialogue.id, Dialogue.name).order_by(Dialogue.name)), blank)


def officer_choices(blank="—", keep_id: int | None = None) -> list[tuple]:
    """Enabled officers and administrators, plus the project's current officer whatever their role now."""
    query = (
        sa.select(User.id, User.name)
        .where(sa.or_(sa.and_(User.role.in_(OFFICERS), User.is_enabled.is_(True)), User.id == (keep_id or -1)))
        .order_by(User.name)
    )
    return _choices(db.session.execute(query), blank)


def donor_choices(blank=None) -> list[tuple]:
    """Partners that contributed to at least one project."""
    query = (
        sa.select(Partner.id, Partner.name)
        .where(Partner.id.in_(sa.select(Contribution.donor_id)))
        .order_by(Partner.name)
    )
    return _choices(db.session.execute(query), blank)


def country_filter_choices(blank=None) -> list[tuple]:
    """The recipient countries that at least one project has, by name."""
    codes = db.session.scalars(sa.select(ProjectCountry.country).distinct())
    return ([("", blank)] if blank is not None else []) + sorted(
        ((c, country_name(c)) for c in codes), key=lambda pair: pair[1].casefold()
    )


def _apply(project: Project, values: dict) -> None:
    code = values["code"]
    clash = sa.select(Project.id).where(sa.func.lower(Project.code) == code.lower())
    if project.id is not None:
        clash = clash.where(Project.id != project.id)
    if db.session.scalar(clash) is not None:
        raise DomainError("code", code_taken_message(code))
    bad = [c for c in values.get("countries") or () if not is_country(c)]
    if bad:
        raise DomainError("countries", _l("Unknown country codes: %(codes)s.", codes=", ".join(bad)))
    if db.session.get(Region, values["region_id"]) is None:
        raise DomainError("region_id", _l("Choose a region."))
    areas = db.session.scalars(
        sa.select(ThematicArea).where(ThematicArea.id.in_(values.get("thematic_area_ids") or ()))
    ).all()
    project.code = code
    project.acronym = values.get("acronym") or None
    project.title = values["title"]
    project.description = values.get("description") or None
    project.region_id = values["region_id"]
    project.status = ProjectStatus(values["status"])
    project.start_date = values["start_date"]
    project.end_date = values.get("end_date")
    project.currency = values["currency"].upper()
    project.duty_station_id = values.get("duty_station_id")
    project.dialogue_id = values.get("dialogue_id")
    project.officer_id = values.get("officer_id")
    project.thematic_areas = sorted(areas, key=lambda area: area.code)
    project.countries = values.get("countries") or ()


def create_project(values: dict) -> Project:
    """Add a project; its code must be unused."""
    project = Project()
    _apply(project, values)
    db.session.add(project)
    db.session.flush()
    return project


def update_project(project: Project, values: dict) -> Project:
    """Change a project; its code stays unique."""
    _apply(project, values)
    db.session.flush()
    return project
