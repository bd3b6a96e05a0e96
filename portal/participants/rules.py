"""Rules of people and attendance as plain checks, for the services and both imports alike."""

from collections.abc import Container, Mapping

from portal.i18n import lazy_gettext as _l
from portal.participants.models import AttendanceRole, Gender, email_key
from portal.participants.personal_data import ERASED_MESSAGE
from portal.rules import Problem


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


#: roles from the weakest to the strongest: when two merged records attended one event, the stronger role stays
ROLE_STRENGTH = (
    AttendanceRole.PARTICIPANT,
    AttendanceRole.MODERATOR,
    AttendanceRole.SPEAKER,
    AttendanceRole.TRAINER,
    AttendanceRole.ORGANISER,
)
#: what an officer chooses, field by field, when two records become one; an organisation and a consent each come
#: with their details (the name as written; who recorded the consent and when)
MERGED_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "gender",
    "organisation",
    "sector",
    "country",
    "language",
    "consent",
)
#: which of the two records a merged field is taken from
MERGE_SIDES = ("keep", "drop")


def stronger_role(first: AttendanceRole, second: AttendanceRole) -> AttendanceRole:
    """The stronger of two roles at one event (ROLE_STRENGTH)."""
    return max(first, second, key=ROLE_STRENGTH.index)


def merged_value_missing(person, field: str) -> bool:
    """Whether a record has no value worth keeping for a merged field: nothing written, gender undisclosed, no
    consent."""
    if field == "organisation":
        return person.organisation_id is None and not person.organisation_name
    if field == "gender":
        return person.gender == Gender.UNDISCLOSED
    return not getattr(person, field)


def default_merge_choices(keep, drop) -> dict[str, str]:
    """The kept record's value of each field, unless only the other record has one."""
    return {
        field: "drop" if merged_value_missing(keep, field) and not merged_value_missing(drop, field) else "keep"
        for field in MERGED_FIELDS
    }


def merge_problems(choices: Mapping[str, str]) -> list[Problem]:
    """Every merged field is taken from one of the two records."""
    return [
        (field, _l("Choose one of the two values.")) for field in MERGED_FIELDS if choices.get(field) not in MERGE_SIDES
    ]
