from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.concurrency import VersionedFormMixin
from portal.i18n import country_choices, is_country
from portal.i18n import lazy_gettext as _l
from portal.projects.models import DeliverableStatus, ImplementerRole, ProjectStatus
from portal.reference.forms import (
    YEARS,
    DecimalText,
    currency_field,
    optional_int,
    strip,
    strip_or_none,
    translation_field,
)
from portal.rules import period_problems


def status_choices(blank=False):
    return ([("", _l("All statuses"))] if blank else []) + [(s.value, s.label) for s in ProjectStatus]


class ProjectForm(VersionedFormMixin, FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)], filters=[strip])
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=60)], filters=[strip])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=20000)], filters=[strip], render_kw={"rows": 4}
    )
    title_fr = StringField(
        _l("Title in French"), validators=[Optional(), Length(max=500)], filters=[strip], render_kw={"lang": "fr"}
    )
    description_fr = TextAreaField(
        _l("Description in French"),
        validators=[Optional(), Length(max=20000)],
        filters=[strip],
        render_kw={"rows": 3, "lang": "fr"},
    )
    title_ru = StringField(
        _l("Title in Russian"), validators=[Optional(), Length(max=500)], filters=[strip], render_kw={"lang": "ru"}
    )
    description_ru = TextAreaField(
        _l("Description in Russian"),
        validators=[Optional(), Length(max=20000)],
        filters=[strip],
        render_kw={"rows": 3, "lang": "ru"},
    )
    region_id = SelectField(_l("Region"), coerce=optional_int, validators=[InputRequired()])
    thematic_area_ids = SelectMultipleField(
        _l("Thematic areas"), coerce=int, validators=[Optional()], render_kw={"size": 6}
    )
    countries = SelectMultipleField(
        _l("Recipient countries"),
        validators=[Optional()],
        render_kw={"size": 8, "data-filter-label": _l("Type to filter the countries")},
        description=_l("Hold Ctrl (or Cmd) to choose several."),
    )
    gcm_objectives = SelectMultipleField(
        _l("GCM objectives"),
        validators=[Optional()],
        render_kw={"size": 6},
        description=_l("The objectives of the Global Compact for Migration the project works towards."),
    )
    status = SelectField(_l("Status"), validators=[DataRequired()])
    start_date = DateField(_l("Start date"), validators=[InputRequired()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    currency = currency_field(default="EUR")
    duty_station_id = SelectField(_l("Duty station"), coerce=optional_int, validators=[Optional()])
    dialogue_ids = SelectMultipleField(
        _l("Dialogues supported"), coerce=int, validators=[Optional()], render_kw={"size": 4}
    )
    officer_id = SelectField(_l("Responsible officer"), coerce=optional_int, validators=[Optional()])
    iati_published = BooleanField(
        _l("Publish to IATI"),
        description=_l(
            "The IATI file an administrator publishes holds the project's activity: its title, "
            "description, dates, countries, budgets, donors, contributions and expenditure."
        ),
    )

    def __init__(self, *args, obj=None, **kwargs):
        if obj is not None:
            kwargs.setdefault("thematic_area_ids", [area.id for area in obj.thematic_areas])
            kwargs.setdefault("dialogue_ids", [dialogue.id for dialogue in obj.dialogues])
        super().__init__(*args, obj=obj, **kwargs)
        self.status.choices = status_choices()
        self.countries.choices = country_choices()

    def validate_end_date(self, field):
        if problems := period_problems(self.start_date.data, field.data):
            raise ValidationError(problems[0][1])


class ProjectFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), filters=[strip])
    region = SelectField(_l("Region"), coerce=optional_int, validators=[Optional()])
    status = SelectField(_l("Status"), validators=[Optional()])
    #: the choices list only donors and countries in use; any other valid one simply finds nothing
    donor = SelectField(_l("Donor"), coerce=optional_int, validators=[Optional()], validate_choice=False)
    country = SelectField(_l("Country"), validators=[Optional()], validate_choice=False)
    year = IntegerField(_l("Active in"), validators=[Optional(), YEARS])
    gcm = SelectField(_l("GCM objective"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = status_choices(blank=True)

    def validate_country(self, field):
        if field.data and not is_country(field.data):
            raise ValidationError(_l("Unknown country code."))

    def value(self, name):
        """The filter's value, or None when it is empty or was not valid."""
        field = self[name]
        return None if field.errors or field.data in ("", None) else field.data


class ImplementerForm(VersionedFormMixin, FlaskForm):
    partner_id = SelectField(_l("Partner"), coerce=optional_int, validators=[InputRequired()])
    role = SelectField(_l("Role"), validators=[DataRequired()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role.value, role.label) for role in ImplementerRole]


class DeliverableForm(VersionedFormMixin, FlaskForm):
    ref = StringField(
        _l("Reference"),
        validators=[Optional(), Length(max=40)],
        filters=[strip],
        description=_l("Leave empty to number it automatically."),
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    title_fr = translation_field(_l("Title in French"), "fr", 500)
    title_ru = translation_field(_l("Title in Russian"), "ru", 500)
    due_on = DateField(_l("Due on"), validators=[InputRequired()])
    status = SelectField(_l("Status"), validators=[DataRequired()])
    delivered_on = DateField(
        _l("Delivered on"), validators=[Optional()], description=_l("Only for a delivered deliverable.")
    )
    notes = TextAreaField(
        _l("Notes"), validators=[Optional(), Length(max=5000)], filters=[strip], render_kw={"rows": 3}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [(status.value, status.label) for status in DeliverableStatus]


#: baselines, targets and actuals: counts, percentages or amounts, never negative
MEASURE_TEXT = DecimalText(12, 2, _l("Enter a number such as 12 or 37.5: digits, at most two decimals, no sign."))
NUMBER_HELP = _l("Leave empty to number it next.")
NUMBERS = NumberRange(min=1, max=999)


def measure_field(label, *, required=False):
    return DecimalField(label, places=2, validators=[InputRequired() if required else Optional(), MEASURE_TEXT])


class ProjectOutputForm(VersionedFormMixin, FlaskForm):
    number = IntegerField(_l("Number"), validators=[Optional(), NUMBERS], description=NUMBER_HELP)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    title_fr = translation_field(_l("Title in French"), "fr", 500)
    title_ru = translation_field(_l("Title in Russian"), "ru", 500)


class ProjectIndicatorForm(VersionedFormMixin, FlaskForm):
    number = IntegerField(_l("Number"), validators=[Optional(), NUMBERS], description=NUMBER_HELP)
    text = StringField(_l("Indicator"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    text_fr = translation_field(_l("Indicator in French"), "fr", 500)
    text_ru = translation_field(_l("Indicator in Russian"), "ru", 500)
    unit = StringField(
        _l("Unit"),
        validators=[Optional(), Length(max=60)],
        filters=[strip_or_none],
        description=_l("What the values count, for example countries, participants or %."),
    )
    baseline = measure_field(_l("Baseline"))
    target = measure_field(_l("Target"))


class IndicatorResultForm(VersionedFormMixin, FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), YEARS])
    actual = measure_field(_l("Actual value"), required=True)
    comment = StringField(_l("Comment"), validators=[Optional(), Length(max=500)], filters=[strip_or_none])
