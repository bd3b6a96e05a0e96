from flask_wtf import FlaskForm
from wtforms import DateField, Form, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from portal.concurrency import VersionedFormMixin
from portal.events.models import EVENT_TYPE_LABELS, EventMode
from portal.events.rules import head_count_problems, place_problems
from portal.i18n import lazy_gettext as _l
from portal.query_args import optional_id
from portal.rules import period_problems

#: the years the list and the calendar show; others are ignored, as if not given
FIRST_YEAR, LAST_YEAR = 1900, 2200


def head_count(form, field):
    """A declared head count the events' rule accepts: what the Integer column holds, so that a longer number is an
    error next to the field."""
    if problems := head_count_problems({field.short_name: field.data}):
        raise ValidationError(problems[0][1])


def type_choices():
    return [(kind.value, label) for kind, label in EVENT_TYPE_LABELS.items()]


def mode_choices():
    return [(mode.value, mode.label) for mode in EventMode]


class EventForm(VersionedFormMixin, FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    type = SelectField(_l("Type"), choices=type_choices, validators=[DataRequired()])
    start_date = DateField(_l("Start date"), validators=[DataRequired()])
    end_date = DateField(_l("End date"), validators=[DataRequired()])
    mode = SelectField(_l("Mode"), choices=mode_choices, validators=[DataRequired()])
    city = StringField(_l("City"), validators=[Length(max=120)], description=_l("Required unless the event is online."))
    country = SelectField(_l("Country"))
    project_id = SelectField(_l("Project"), coerce=optional_id, validators=[Optional()])
    dialogue_id = SelectField(_l("Dialogue"), coerce=optional_id, validators=[Optional()])
    partner_ids = SelectMultipleField(
        _l("Partner organisations"),
        coerce=int,
        validators=[Optional()],
        description=_l("Hold Ctrl (or Cmd) to choose several."),
    )
    in_person_count = IntegerField(
        _l("Declared in-person participants"),
        validators=[Optional(), head_count],
        description=_l("For events whose attendees are not recorded one by one."),
    )
    online_count = IntegerField(_l("Declared online participants"), validators=[Optional(), head_count])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=20000)])
    title_fr = StringField(_l("Title in French"), validators=[Optional(), Length(max=500)], render_kw={"lang": "fr"})
    description_fr = TextAreaField(
        _l("Description in French"), validators=[Optional(), Length(max=20000)], render_kw={"rows": 3, "lang": "fr"}
    )
    title_ru = StringField(_l("Title in Russian"), validators=[Optional(), Length(max=500)], render_kw={"lang": "ru"})
    description_ru = TextAreaField(
        _l("Description in Russian"), validators=[Optional(), Length(max=20000)], render_kw={"rows": 3, "lang": "ru"}
    )

    def validate_end_date(self, field):
        if problems := period_problems(self.start_date.data, field.data):
            raise ValidationError(problems[0][1])

    def validate_city(self, field):
        self._check_place(field)

    def validate_country(self, field):
        self._check_place(field)

    def _check_place(self, field):
        for name, message in place_problems(self.mode.data, self.city.data, self.country.data):
            if name == field.short_name:
                raise ValidationError(message)


class EventFilterForm(Form):
    """The list's filters, read from the query string."""

    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(min=FIRST_YEAR, max=LAST_YEAR)])
    type = SelectField(_l("Type"), default="", validators=[Optional()])
    dialogue = SelectField(_l("Dialogue"), coerce=optional_id, validators=[Optional()])
    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    #: a project's code, or a part of its code, acronym or title
    project = StringField(_l("Project"), validators=[Optional(), Length(max=200)])
    country = SelectField(_l("Country"), default="", validators=[Optional()])
    mode = SelectField(_l("Mode"), default="", validators=[Optional()])
