"""Rules of people and attendance as plain checks, for the services and both imports alike."""

from collections.abc import Container

from portal.i18n import lazy_gettext as _l
from portal.participants.personal_data import ERASED_MESSAGE
from portal.rules import Problem


def email_key(email: str | None) -> str | None:
    """What makes two e-mail addresses one: case and surrounding spaces do not count."""
    return email.strip().lower() if email and email.strip() else None


def email_problems(email: str | None, taken: Container[str]) -> list[Problem]:
    """A person's e-mail address is no other person's (a new person may share one once the officer has seen the
    match); `taken` holds the email_key of the others' addresses."""
    if email_key(email) in taken:
        return [("email", _l("Another person has this e-mail address: merge the two records instead."))]
    return []


def attendance_problems(person_id, registered: Container, *, erased: bool = False) -> list[Problem]:
    """A person is registered for an event once, and an erased person for no event any more (their past attendance
    stays, for the figures); `registered` holds the people already registered for the event."""
    if erased:
        return [("person_id", ERASED_MESSAGE)]
    if person_id in registered:
        return [("person_id", _l("This person is already registered for the event."))]
    return []
