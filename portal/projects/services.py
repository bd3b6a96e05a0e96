import sqlalchemy as sa

from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import OTHER_LANGUAGES, is_country
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner
from portal.projects.models import (
    Deliverable,
    DeliverableStatus,
    ImplementerRole,
    IndicatorResult,
    Project,
    ProjectIndicator,
    ProjectOutput,
    ProjectPartner,
    ProjectStatus,
)
from portal.projects.rules import (
    actual_years_problems,
    code_problems,
    deliverable_problems,
    deliverable_ref_problems,
    gcm_objective_problems,
    implementer_problems,
    lead_problems,
    measure_problems,
    number_problems,
    priority_problems,
    result_year_problems,
)
from portal.reference.models import Region, ThematicArea
from portal.reference.services import suggest_ref
from portal.rules import Problem, code_key, enforce, period_problems


def _actual_years(project: Project) -> set[int]:
    if project.id is None:
        return set()
    return set(db.session.scalars(sa.select(IndicatorResult.year).where(IndicatorResult.project_id == project.id)))


def _apply(project: Project, values: dict) -> None:
    code = values["code"]
    clash = sa.select(Project.code).where(sa.func.lower(Project.code) == code_key(code))
    if project.id is not None:
        clash = clash.where(Project.id != project.id)
    taken = {code_key(other) for other in db.session.scalars(clash)}
    enforce(
        code_problems(code, taken)
        + period_problems(values["start_date"], values.get("end_date"))
        + gcm_objective_problems(values.get("gcm_objectives") or ())
        + actual_years_problems(_actual_years(project), values["start_date"], values.get("end_date"))
    )
    bad = [c for c in values.get("countries") or () if not is_country(c)]
    if bad:
        raise DomainError("countries", _l("Unknown country codes: %(codes)s.", codes=", ".join(bad)))
    if db.session.get(Region, values["region_id"]) is None:
        raise DomainError("region_id", _l("Choose a region."))
    areas = db.session.scalars(
        sa.select(ThematicArea).where(ThematicArea.id.in_(values.get("thematic_area_ids") or ()))
    ).all()
    # the dialogues domain sits above this one: its model is reached through the relationship, not imported
    dialogue = sa.inspect(Project).relationships["dialogues"].mapper.class_
    dialogues = db.session.scalars(
        sa.select(dialogue).where(dialogue.id.in_(values.get("dialogue_ids") or ())).order_by(dialogue.code)
    ).all()
    mapped = [(p.code or p.title, [d.id for d in p.domain.plan.dialogues]) for p in project.priorities]
    enforce(priority_problems([d.id for d in dialogues], mapped))
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
    project.dialogues = dialogues
    project.officer_id = values.get("officer_id")
    project.iati_published = bool(values.get("iati_published"))
    project.thematic_areas = sorted(areas, key=lambda area: area.code)
    project.countries = values.get("countries") or ()
    project.gcm_objectives = values.get("gcm_objectives") or ()


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


def _implementer_problems(project: Project, values: dict, exclude_id: int | None) -> list[Problem]:
    others = [row for row in project.implementers if row.id != exclude_id]
    return implementer_problems(values["partner_id"], {row.partner_id for row in others}) + lead_problems(
        values["role"], {row.role for row in others}
    )


def _implementer_partner(partner_id: int) -> Partner:
    partner = db.session.get(Partner, partner_id)
    if partner is None:
        raise DomainError("partner_id", _l("Choose a partner from the list."))
    return partner


def add_implementer(project: Project, values: dict) -> ProjectPartner:
    """Name a partner that implements the project, in its role; one role per partner, one lead implementer."""
    enforce(_implementer_problems(project, values, None))
    implementer = ProjectPartner(
        project=project, partner=_implementer_partner(values["partner_id"]), role=ImplementerRole(values["role"])
    )
    db.session.add(implementer)
    db.session.flush()
    return implementer


def update_implementer(implementer: ProjectPartner, values: dict) -> ProjectPartner:
    """Change an implementer's partner or role; the rules of add_implementer still hold."""
    enforce(_implementer_problems(implementer.project, values, implementer.id))
    implementer.partner = _implementer_partner(values["partner_id"])
    implementer.role = ImplementerRole(values["role"])
    db.session.flush()
    return implementer


def remove_implementer(implementer: ProjectPartner) -> None:
    """Take a partner off the project's implementers."""
    db.session.delete(implementer)
    db.session.flush()


def _apply_deliverable(deliverable: Deliverable, ref: str, values: dict) -> None:
    problems = _deliverable_ref_problems(ref, deliverable.id)
    enforce(problems + deliverable_problems(values["status"], values.get("delivered_on")))
    deliverable.ref = ref
    deliverable.title = values["title"]
    for field in ("title_fr", "title_ru", "notes"):
        setattr(deliverable, field, values.get(field) or None)
    deliverable.due_on = values["due_on"]
    deliverable.status = DeliverableStatus(values["status"])
    deliverable.delivered_on = values.get("delivered_on")


def add_deliverable(project: Project, values: dict) -> Deliverable:
    """Add what the project promises to produce; an empty reference gets the next D-0001 style number."""
    deliverable = Deliverable()
    _apply_deliverable(deliverable, values.get("ref") or suggest_ref(Deliverable.ref, "D-"), values)
    deliverable.project = project
    db.session.add(deliverable)
    db.session.flush()
    return deliverable


def update_deliverable(deliverable: Deliverable, values: dict) -> Deliverable:
    """Change a deliverable: its title, due date or status; a delivered one gives its delivery date."""
    _apply_deliverable(deliverable, values.get("ref") or deliverable.ref, values)
    db.session.flush()
    return deliverable


def delete_deliverable(deliverable: Deliverable) -> None:
    """Remove a deliverable."""
    db.session.delete(deliverable)
    db.session.flush()


def _deliverable_ref_problems(ref: str, exclude_id: int | None) -> list[Problem]:
    query = sa.select(Deliverable.ref).where(Deliverable.ref == ref)
    if exclude_id is not None:
        query = query.where(Deliverable.id != exclude_id)
    return deliverable_ref_problems(ref, set(db.session.scalars(query)))


def _number(values: dict, taken: set[int]) -> int:
    """The number asked for, checked against the others'; none asked for is the next one."""
    number = values.get("number")
    if number is None:
        return max(taken, default=0) + 1
    enforce(number_problems(number, taken))
    return number


def _apply_titles(record, values: dict, field: str) -> None:
    setattr(record, field, values[field])
    for language in OTHER_LANGUAGES:
        setattr(record, f"{field}_{language}", values.get(f"{field}_{language}") or None)


def add_output(project: Project, values: dict) -> ProjectOutput:
    """Add an output to the project, numbered next unless a free number is given."""
    number = _number(values, {other.number for other in project.outputs})
    output = ProjectOutput(project=project, ref=suggest_ref(ProjectOutput.ref, "OUT-"), number=number)
    _apply_titles(output, values, "title")
    db.session.add(output)
    db.session.flush()
    return output


def update_output(output: ProjectOutput, values: dict) -> ProjectOutput:
    """Change an output's number or title; its number stays unique within the project."""
    taken = {other.number for other in output.project.outputs if other.id != output.id}
    output.number = _number({"number": values.get("number") or output.number}, taken)
    _apply_titles(output, values, "title")
    db.session.flush()
    return output


def delete_output(output: ProjectOutput) -> None:
    """Remove an output with its indicators and their actual values."""
    db.session.delete(output)
    db.session.flush()


def _indicator_problems(values: dict) -> list[Problem]:
    return measure_problems({name: values.get(name) for name in ("baseline", "target")})


def _apply_indicator(indicator: ProjectIndicator, values: dict) -> None:
    _apply_titles(indicator, values, "text")
    indicator.unit = values.get("unit") or None
    indicator.baseline = values.get("baseline")
    indicator.target = values.get("target")


def add_indicator(output: ProjectOutput, values: dict) -> ProjectIndicator:
    """Add an indicator to an output, numbered next within it unless a free number is given."""
    enforce(_indicator_problems(values))
    number = _number(values, {other.number for other in output.indicators})
    ref = suggest_ref(ProjectIndicator.ref, "IND-")
    indicator = ProjectIndicator(output=output, project_id=output.project_id, ref=ref, number=number)
    _apply_indicator(indicator, values)
    db.session.add(indicator)
    db.session.flush()
    return indicator


def update_indicator(indicator: ProjectIndicator, values: dict) -> ProjectIndicator:
    """Change an indicator's number, text, unit, baseline or target."""
    enforce(_indicator_problems(values))
    taken = {other.number for other in indicator.output.indicators if other.id != indicator.id}
    indicator.number = _number({"number": values.get("number") or indicator.number}, taken)
    _apply_indicator(indicator, values)
    db.session.flush()
    return indicator


def delete_indicator(indicator: ProjectIndicator) -> None:
    """Remove an indicator with its actual values."""
    db.session.delete(indicator)
    db.session.flush()


def _result_problems(indicator: ProjectIndicator, year: int, exclude_id: int | None) -> list[Problem]:
    project = indicator.output.project
    taken = {result.year for result in indicator.results if result.id != exclude_id}
    return result_year_problems(year, project.start_date, project.end_date, taken)


def record_result(indicator: ProjectIndicator, values: dict) -> IndicatorResult:
    """Record an indicator's actual value for a year of its project; one per year."""
    enforce(_result_problems(indicator, values["year"], None) + measure_problems({"actual": values["actual"]}))
    result = IndicatorResult(
        indicator=indicator,
        project_id=indicator.project_id,
        year=values["year"],
        actual=values["actual"],
        comment=values.get("comment") or None,
    )
    db.session.add(result)
    db.session.flush()
    return result


def update_result(result: IndicatorResult, values: dict) -> IndicatorResult:
    """Change a year's actual value; the year stays one of the project's and unique for the indicator."""
    enforce(
        _result_problems(result.indicator, values["year"], result.id) + measure_problems({"actual": values["actual"]})
    )
    result.year, result.actual, result.comment = values["year"], values["actual"], values.get("comment") or None
    db.session.flush()
    return result


def delete_result(result: IndicatorResult) -> None:
    """Remove a year's actual value."""
    db.session.delete(result)
    db.session.flush()
