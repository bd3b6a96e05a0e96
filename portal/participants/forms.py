from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, Form, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from portal.concurrency import VersionedFormMixin
from portal.i18n import LANGUAGES
from portal.i18n import lazy_gettext as _l
from portal.participants.models import AttendanceMode, AttendanceRole, Gender, Sector
from portal.participants.rules import MERGE_SIDES
from portal.query_args import optional_id

#: the session key under which an event's page keeps its last people search (names stay out of URLs)
EVENT_SEARCH_KEY = "event_people_search"


def gender_choices():
    return [(gender.value, gender.label) for gender in Gender]


def sector_choices():
    return [(sector.value, sector.label) for sector in Sector]


def role_choices():
    return [(role.value, role.label) for role in AttendanceRole]


def attendance_mode_choices():
    return [("", "—"), *((mode.value, mode.label) for mode in AttendanceMode)]


def language_choices():
    return list(LANGUAGES.items())


class PersonForm(VersionedFormMixin, FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=120)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=120)])
    gender = SelectField(_l("Gender"), choices=gender_choices, default=Gender.UNDISCLOSED.value)
    email = EmailField(_l("E-mail address"), validators=[Optional(), Email(), Length(max=254)])
    organisation_id = SelectField(_l("Organisation (partner register)"), coerce=optional_id, validators=[Optional()])
    organisation_name = StringField(
        _l("Organisation (if not in the partner register)"), validators=[Optional(), Length(max=255)]
    )
    sector = SelectField(_l("Sector"), choices=sector_choices, default=Sector.OTHER.value)
    country = SelectField(_l("Country"), validators=[Optional()])
    language = SelectField(_l("Language for certificates"), choices=language_choices, default="en")
    consent = BooleanField(_l("Consents to the processing of their personal data"))
    #: ticked after the form proposed an existing person with the same name and organisation
    create_anyway = BooleanField(_l("This is another person: create a new record"))


class PeopleSearchForm(FlaskForm):
    q = StringField(_l("Name, e-mail or organisation"), validators=[Optional(), Length(max=200)])


class PeopleFilterForm(Form):
    """The people list's filters, read from the query string; the search words stay in the session."""

    #: an event's reference, or a part of its title
    event = StringField(_l("Event"), validators=[Optional(), Length(max=200)])
    #: a part of an organisation's name or acronym
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    country = SelectField(_l("Country"), default="", validators=[Optional()])
    sector = SelectField(_l("Sector"), default="", validators=[Optional()])


class AttendanceAddForm(FlaskForm):
    person_id = HiddenField(validators=[DataRequired()])
    role = SelectField(_l("Role"), choices=role_choices)
    mode = SelectField(_l("Mode"), choices=attendance_mode_choices, validators=[Optional()])
    attended = BooleanField(_l("Attended"))


class ImportUploadForm(FlaskForm):
    file = FileField(_l("Registration list (.xlsx or .csv)"), validators=[FileRequired()])


def _side(label) -> RadioField:
    return RadioField(label, choices=MERGE_SIDES)


class MergeForm(FlaskForm):
    """Which of the two records each field of the merged person is taken from (rules.MERGED_FIELDS); the page
    shows both values."""

    keep_id = HiddenField(validators=[DataRequired()])
    drop_id = HiddenField(validators=[DataRequired()])
    first_name = _side(_l("First name"))
    last_name = _side(_l("Last name"))
    email = _side(_l("E-mail address"))
    gender = _side(_l("Gender"))
    organisation = _side(_l("Organisation"))
    sector = _side(_l("Sector"))
    country = _side(_l("Country"))
    language = _side(_l("Language for certificates"))
    consent = _side(_l("Consent"))


class DistinctPeopleForm(FlaskForm):
    """Two records are two people."""

    first_id = HiddenField(validators=[DataRequired()])
    second_id = HiddenField(validators=[DataRequired()])
