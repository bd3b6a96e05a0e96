"""What a domain rule (`<domain>/rules.py`) returns, and what the domains' rules share: codes compared whatever
their case, periods that end on or after their first day.

A rule is a plain function that sees the record's values, and the other records it depends on as arguments, and
returns the problems it finds. The services raise the first as a DomainError; the workbook import reports each at
its sheet, row and column; so a message is written once, in its rule."""

from datetime import date

from portal.errors import DomainError
from portal.i18n import lazy_gettext as _l

#: a broken rule: the field (form field or workbook column) it concerns, or None for the record; the message
Problem = tuple[str | None, object]


def enforce(problems: list[Problem]) -> None:
    """Raise the first problem as a DomainError (a service's way of refusing)."""
    if problems:
        raise DomainError(*problems[0])


def code_key(code: str) -> str:
    """What makes two codes (of projects, of dialogues) one: case does not count, as in the database's unique
    index on lower(code)."""
    return code.lower()


def period_problems(start: date | None, end: date | None) -> list[Problem]:
    """A period (of a project, an event, a chairmanship) ends on or after its first day."""
    if start is not None and end is not None and end < start:
        return [("end_date", _l("The end date cannot be before the start date."))]
    return []
