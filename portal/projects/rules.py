"""Rules of projects as plain checks, for the services and the workbook import alike."""

from collections.abc import Collection, Container, Hashable, Iterable, Mapping
from datetime import date
from decimal import Decimal

from portal.concept_notes.defaults import GCM_OBJECTIVES
from portal.i18n import lazy_gettext as _l
from portal.projects.models import DeliverableStatus, ImplementerRole
from portal.rules import Problem, code_key

#: the numbers of the Global Compact's 23 objectives (A/RES/73/195, para. 16)
GCM_CODES = frozenset(code for code, _label, _title in GCM_OBJECTIVES)


def code_problems(code: str, taken: Container[str]) -> list[Problem]:
    """Project codes are unique whatever their case: PRJ-1 and prj-1 name one project. `taken` holds the code_key
    of every other project's code."""
    if code_key(code) in taken:
        return [("code", _l("Another project already has the code %(code)s.", code=code))]
    return []


def implementer_problems(partner_id: int, taken: Container[int]) -> list[Problem]:
    """A partner implements a project in one role: `taken` holds the partner ids of the project's other
    implementers."""
    if partner_id in taken:
        return [("partner_id", _l("This partner already implements the project: change its role instead."))]
    return []


def lead_problems(role: str, other_roles: Iterable[str]) -> list[Problem]:
    """A project has one lead implementer at most; `other_roles` are the roles of its other implementers."""
    lead = ImplementerRole.LEAD
    if role == lead and lead in other_roles:
        return [("role", _l("The project already has a lead implementer."))]
    return []


def deliverable_problems(status: str, delivered_on: date | None) -> list[Problem]:
    """A delivered deliverable says when it was delivered, and only a delivered one does. Due and delivery dates
    are not tied to the project's period: final reports fall due after a project closes, and inception work may
    be handed over before its official start."""
    if status == DeliverableStatus.DELIVERED and delivered_on is None:
        return [("delivered_on", _l("Give the date it was delivered on."))]
    if status != DeliverableStatus.DELIVERED and delivered_on is not None:
        return [("delivered_on", _l("Only a delivered deliverable has a delivery date."))]
    return []


def gcm_objective_problems(codes: Iterable[str]) -> list[Problem]:
    """A project names objectives of the Global Compact by their numbers, 1 to 23."""
    unknown = [code for code in codes if code not in GCM_CODES]
    if unknown:
        return [("gcm_objectives", _l("Not an objective of the Global Compact: %(codes)s.", codes=", ".join(unknown)))]
    return []


def number_problems(number: int, taken: Container[int]) -> list[Problem]:
    """Outputs are numbered once within their project, indicators once within their output; `taken` holds the
    others' numbers."""
    if number < 1:
        return [("number", _l("Number from 1."))]
    if number in taken:
        return [("number", _l("The number %(number)s is already used.", number=number))]
    return []


def result_year_problems(year: int, start: date, end: date | None, taken: Container[int]) -> list[Problem]:
    """An indicator has one actual value per year, in a year of its project's period (start to end, or open-ended);
    `taken` holds the years of its other actuals."""
    return result_period_problems(year, start, end) or result_taken_problems(year, taken)


def result_period_problems(year: int, start: date, end: date | None) -> list[Problem]:
    """An actual value is for a year of its project's period (start to end, or open-ended)."""
    if year < start.year or (end is not None and year > end.year):
        last = end.year if end is not None else "…"
        return [("year", _l("The project runs from %(start)s to %(end)s.", start=start.year, end=last))]
    return []


def result_taken_problems(year: int, taken: Container[int]) -> list[Problem]:
    """An indicator has one actual value per year; `taken` holds the years of its other actuals."""
    if year in taken:
        return [("year", _l("The indicator already has an actual value for %(year)s: edit it instead.", year=year))]
    return []


def measure_problems(values: Mapping[str, Decimal | None]) -> list[Problem]:
    """Baselines, targets and actual values count things, shares or amounts: none is negative. `values` maps the
    fields given (baseline, target, actual) to their values."""
    return [
        (name, _l("The value cannot be negative.")) for name, value in values.items() if value is not None and value < 0
    ]


def stays_with_problems(field: str, ref: str, parent: str, stored_parent: str | None) -> list[Problem]:
    """An output stays in its project, an indicator with its output: moving one would leave its indicators or actual
    values counted for the project it left. `stored_parent` is None for a new record."""
    if stored_parent is not None and parent != stored_parent:
        return [(field, _l("%(ref)s belongs to %(parent)s and cannot be moved.", ref=ref, parent=stored_parent))]
    return []


def same_project_problems(ref: str, project: str, parent_project: str | None) -> list[Problem]:
    """An indicator is in the project of its output, an actual value in the project of its indicator (`ref` names
    the output or the indicator; `parent_project` is its project, None when unknown)."""
    if parent_project is not None and project != parent_project:
        return [("project", _l("%(ref)s belongs to the project %(project)s.", ref=ref, project=parent_project))]
    return []


def deliverable_ref_problems(ref: str, taken: Container[str]) -> list[Problem]:
    """A deliverable's reference names one deliverable; `taken` holds the others' references."""
    return [("ref", _l("The reference %(ref)s is already used.", ref=ref))] if ref in taken else []


def priority_problems(dialogues: Collection[Hashable], priorities: Iterable[tuple[str, Collection]]) -> list[Problem]:
    """A project is mapped only to priorities of the action plans of dialogues it supports. `dialogues` are those it
    supports and `priorities` gives, for each priority it is mapped to, its name and the dialogues whose plan it
    is, the dialogues named alike (ids, or codes)."""
    supported = set(dialogues)
    outside = [name for name, plan_dialogue_ids in priorities if not supported.intersection(plan_dialogue_ids)]
    if outside:
        return [
            (
                "dialogue_ids",
                _l(
                    "The project is mapped to priorities of the action plan of a dialogue it no longer supports: "
                    "%(priorities)s. Remove that mapping on the dialogue's page first.",
                    priorities=", ".join(outside),
                ),
            )
        ]
    return []


def actual_years_problems(years: Iterable[int], start: date, end: date | None) -> list[Problem]:
    """A project's period keeps the years its indicators have actual values for."""
    outside = sorted({year for year in years if year < start.year or (end is not None and year > end.year)})
    if not outside:
        return []
    field = "start_date" if outside[0] < start.year else "end_date"
    years_text = ", ".join(str(year) for year in outside)
    return [(field, _l("Indicators have actual values for %(years)s: the period must include them.", years=years_text))]
