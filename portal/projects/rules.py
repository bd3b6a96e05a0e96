"""Rules of projects as plain checks, for the services and the workbook import alike."""

from collections.abc import Container

from portal.i18n import lazy_gettext as _l
from portal.rules import Problem, code_key


def code_problems(code: str, taken: Container[str]) -> list[Problem]:
    """Project codes are unique whatever their case: PRJ-1 and prj-1 name one project. `taken` holds the code_key
    of every other project's code."""
    if code_key(code) in taken:
        return [("code", _l("Another project already has the code %(code)s.", code=code))]
    return []
