import sqlalchemy as sa

from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import is_country
from portal.i18n import lazy_gettext as _l
from portal.projects.models import Project, ProjectStatus
from portal.projects.rules import code_problems
from portal.reference.models import Region, ThematicArea
from portal.rules import code_key, enforce, period_problems


def _apply(project: Project, values: dict) -> None:
    code = values["code"]
    clash = sa.select(Project.code).where(sa.func.lower(Project.code) == code_key(code))
    if project.id is not None:
        clash = clash.where(Project.id != project.id)
    taken = {code_key(other) for other in db.session.scalars(clash)}
    enforce(code_problems(code, taken) + period_problems(values["start_date"], values.get("end_date")))
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
    for field in ("title_fr", "title_ru", "description_fr", "description_ru"):
        setattr(project, field, values.get(field) or None)
    project.region_id = values["region_id"]
    project.status = ProjectStatus(values["status"])
    project.start_date = values["start_date"]
    project.end_date = values.get("end_date")
    project.currency = values["currency"].upper()
    project.duty_station_id = values.get("duty_station_id")
    project.dialogue_id = values.get("dialogue_id")
    project.officer_id = values.get("officer_id")
    project.iati_published = bool(values.get("iati_published"))
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
