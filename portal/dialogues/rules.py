"""Rules of dialogues as plain checks, for the services and the workbook import alike."""

from collections.abc import Container, Iterable
from datetime import date

from portal.i18n import is_country
from portal.i18n import lazy_gettext as _l
from portal.rules import Problem, code_key

#: a chairmanship's period: first day, last day (None while it runs)
Period = tuple[date, date | None]


def code_problems(code: str, taken: Container[str]) -> list[Problem]:
    """Dialogue codes are unique whatever their case; `taken` holds the code_key of every other dialogue's code."""
    return [("code", _l("Another dialogue already uses this code."))] if code_key(code) in taken else []


def _overlapping_period(periods: Iterable[Period], start_date: date, end_date: date | None) -> Period | None:
    """The first of `periods` that shares a day with start_date..end_date, or None."""
    for other_start, other_end in periods:
        if start_date <= (other_end or date.max) and other_start <= (end_date or date.max):
            return other_start, other_end
    return None


def chairmanship_problems(others: Iterable[Period], start_date: date, end_date: date | None) -> list[Problem]:
    """A dialogue has one chair at a time: a chairmanship's period shares no day with the dialogue's `others`."""
    clash = _overlapping_period(others, start_date, end_date)
    if clash is None:
        return []
    start, end = clash
    return [
        (
            "start_date",
            _l(
                "This period overlaps the chairmanship from %(start)s to %(end)s.",
                start=start.isoformat(),
                end=end.isoformat() if end else "…",
            ),
        )
    ]


def plan_period_problems(valid_from: date | None, valid_until: date | None) -> list[Problem]:
    """An action plan is valid until a day on or after the day it is valid from (either end may be open)."""
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        return [("valid_until", _l("A plan cannot end before it starts."))]
    return []


def champion_problems(champion: str | None) -> list[Problem]:
    """A priority's champion, when it has one, is a country code."""
    if champion and not is_country(champion):
        return [("champion", _l("Choose a country."))]
    return []


def member_problems(country: str | None, partner_id: int | None) -> list[Problem]:
    """A membership (of a dialogue or of one of its groups) names a state or an organisation, never both."""
    if (country is None) == (partner_id is None):
        return [("country", _l("Choose a state or an organisation."))]
    if country is not None and not is_country(country):
        return [("country", _l("Choose a country."))]
    return []


def status_problems(status, country: str | None) -> list[Problem]:
    """Only a state is a focus country; states and organisations alike are members or observers."""
    if status == "focus_country" and country is None:
        return [("status", _l("Only a state can be a focus country."))]
    return []


def role_problems(role, country: str | None) -> list[Problem]:
    """A group's chairs and co-chairs are states; organisations are plain members of a group."""
    if role != "member" and country is None:
        return [("role", _l("Only a state can chair a group."))]
    return []


def membership_taken_problems(field: str, member, taken: Container) -> list[Problem]:
    """A state or an organisation has one status in a dialogue (one role in a group): `taken` holds the members
    that already have one."""
    if member in taken:
        return [(field, _l("This state or organisation is already listed; change its status instead."))]
    return []


def listed_once_problems(lists: dict[str, Iterable]) -> list[Problem]:
    """The workbook's form of membership_taken_problems: a state or an organisation is in one of a row's lists
    (members, observers, focus countries; or a group's members, chairs, co-chairs), placed on the later list."""
    seen: dict = {}
    problems = []
    for column, items in lists.items():
        twice = sorted(str(item) for item in items if item in seen)
        if twice:
            problems.append(
                (
                    column,
                    _l(
                        "%(items)s already listed in %(column)s",
                        items="; ".join(twice),
                        column=seen[next(item for item in items if item in seen)],
                    ),
                )
            )
        for item in items:
            seen.setdefault(item, column)
    return problems


def group_name_problems(name: str, taken: Container[str]) -> list[Problem]:
    """A dialogue's groups have different names whatever their case; `taken` holds the other groups' code_key."""
    if code_key(name) in taken:
        return [("name", _l("The dialogue already has a group of this name."))]
    return []
