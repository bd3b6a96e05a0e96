"""Rules of events as plain checks, for the services and the workbook import alike."""

from portal.events.models import EventMode
from portal.i18n import lazy_gettext as _l
from portal.query_args import MAX_INTEGER
from portal.rules import Problem

#: the head counts an event declares
HEAD_COUNTS = ("in_person_count", "online_count")


def place_problems(mode: str, city: str | None, country: str | None) -> list[Problem]:
    """An in-person or hybrid event takes place somewhere: in a city of a country."""
    if mode == EventMode.ONLINE:
        return []
    problems = []
    if not (city or "").strip():
        problems.append(("city", _l("Give the city of an in-person or hybrid event.")))
    if not country:
        problems.append(("country", _l("Give the country of an in-person or hybrid event.")))
    return problems


def head_count_problems(counts: dict) -> list[Problem]:
    """A declared head count is a number of people the database's integer column holds."""
    return [
        (name, _l("Enter a number of participants from %(min)s to %(max)s.", min=0, max=MAX_INTEGER))
        for name in HEAD_COUNTS
        if counts.get(name) is not None and not 0 <= counts[name] <= MAX_INTEGER
    ]
