"""Rules of the initiative register as plain checks, for the services and the forms alike."""

from collections.abc import Container, Iterable
from decimal import Decimal

from portal.i18n import is_country, is_currency
from portal.i18n import lazy_gettext as _l
from portal.rules import Problem, period_problems


def budget_problems(budget: Decimal | None, currency: str | None) -> list[Problem]:
    """A budget is not negative and is given in a known currency."""
    if budget is None:
        return []
    if budget < 0:
        return [("budget", _l("A budget cannot be negative."))]
    if not currency:
        return [("currency", _l("Give the budget's currency."))]
    if not is_currency(currency):
        return [("currency", _l("Unknown currency code."))]
    return []


def countries_problems(codes: Iterable[str]) -> list[Problem]:
    """An initiative's countries are country codes."""
    unknown = [code for code in codes if not is_country(code)]
    return [("countries", _l("Unknown country codes: %(codes)s.", codes=", ".join(unknown)))] if unknown else []


def priorities_problems(priority_ids: Iterable[int], plan_priority_ids: Container[int]) -> list[Problem]:
    """An initiative is mapped to at least one priority, all of its own action plan."""
    ids = list(priority_ids)
    if not ids:
        return [("priority_ids", _l("Choose at least one priority of the action plan."))]
    if any(pid not in plan_priority_ids for pid in ids):
        return [("priority_ids", _l("Choose priorities of this action plan."))]
    return []


def cycle_problems(cycle_is_open: bool) -> list[Problem]:
    """Initiatives are submitted (and resubmitted) in an open data-collection cycle."""
    return [] if cycle_is_open else [("cycle_id", _l("This data-collection cycle is closed."))]


def cycle_plan_problems(cycle_plan_id: int | None, plan_id: int | None) -> list[Problem]:
    """An initiative is collected in a cycle of its own action plan."""
    return [] if cycle_plan_id == plan_id else [("cycle_id", _l("Choose a data-collection cycle of this action plan."))]


def initiative_problems(values: dict, plan_priority_ids: Container[int], cycle_is_open: bool) -> list[Problem]:
    """Every rule of an initiative's values, in the order of the form's fields."""
    return [*cycle_problems(cycle_is_open), *initiative_value_problems(values, plan_priority_ids)]


def initiative_value_problems(values: dict, plan_priority_ids: Container[int]) -> list[Problem]:
    """The rules of an initiative's values whatever its cycle: the workbook also records those of closed cycles."""
    return [
        *priorities_problems(values.get("priority_ids") or [], plan_priority_ids),
        *countries_problems(values.get("countries") or []),
        *budget_problems(values.get("budget"), values.get("currency")),
        *period_problems(values.get("start_date"), values.get("end_date")),
    ]


def review_problems(review: str) -> list[Problem]:
    """Only a submitted initiative is validated or returned."""
    return [] if review == "submitted" else [(None, _l("Only a submitted initiative can be reviewed."))]


def return_problems(reason: str | None) -> list[Problem]:
    """An initiative is returned with the reason, so that its author can put it right."""
    return [] if reason and reason.strip() else [("reason", _l("Say why the initiative is returned."))]


def review_state_problems(review: str, reason: str | None) -> list[Problem]:
    """A returned initiative carries the reason it was returned; a submitted or validated one carries none."""
    if review == "returned":
        return return_problems(reason)
    return [("reason", _l("Only a returned initiative has a reason."))] if reason and reason.strip() else []
