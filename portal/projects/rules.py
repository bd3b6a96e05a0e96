"""Rules of projects as plain checks, for the services and the workbook import alike."""

from portal.i18n import lazy_gettext as _l


def code_taken_message(code: str):
    """Project codes are unique whatever their case: PRJ-1 and prj-1 name one project."""
    return _l("Another project already has the code %(code)s.", code=code)
