from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, DecimalField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.concurrency import VersionedFormMixin
from portal.i18n import country_choices
from portal.i18n import lazy_gettext as _l
from portal.initiatives.models import InitiativeStatus
from portal.initiatives.rules import budget_problems, return_problems
from portal.reference.forms import DecimalText, optional_int, strip, upper
from portal.rules import period_problems

SEVERAL = _l("Hold Ctrl (or Cmd) to choose several.")


class CycleForm(VersionedFormMixin, FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=255)],
        filters=[strip],
        description=_l("For example 2025 data collection."),
    )
    is_open = BooleanField(_l("Open"), default=True, description=_l("Initiatives are submitted in open cycles."))


class InitiativeForm(VersionedFormMixin, FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    actor_id = SelectField(
        _l("Actor"),
        coerce=optional_int,
        validators=[InputRequired()],
        description=_l("Who carries it out: a government, agency, NGO or donor from the partner register."),
    )
    cycle_id = SelectField(_l("Data-collection cycle"), coerce=optional_int, validators=[InputRequired()])
    priority_ids = SelectMultipleField(
        _l("Action-plan priorities"), coerce=int, validators=[Optional()], render_kw={"size": 8}, description=SEVERAL
    )
    countries = SelectMultipleField(
        _l("Countries"), validators=[Optional()], render_kw={"size": 8}, description=SEVERAL
    )
    budget = DecimalField(
        _l("Budget"),
        places=2,
        validators=[
            Optional(),
            DecimalText(12, 2, _l("Enter an amount such as 1250000.50: digits, at most two decimals, no sign.")),
        ],
    )
    currency = StringField(
        _l("Currency"),
        validators=[Length(max=3)],
        filters=[upper],
        render_kw={"maxlength": 3, "autocapitalize": "characters"},
        description=_l("ISO 4217 code, for example EUR or USD."),
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    status = SelectField(_l("Status"), validators=[DataRequired()])
    source = TextAreaField(
        _l("Source"),
        validators=[Optional(), Length(max=2000)],
        filters=[strip],
        render_kw={"rows": 2},
        description=_l("Where the information comes from: a document or a web address."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = country_choices()
        self.status.choices = [(s.value, s.label) for s in InitiativeStatus]

    def validate_currency(self, field):
        if problems := budget_problems(self.budget.data, field.data):
            raise ValidationError(problems[0][1])

    def validate_end_date(self, field):
        if problems := period_problems(self.start_date.data, field.data):
            raise ValidationError(problems[0][1])


class ReturnForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[Length(max=2000)],
        filters=[strip],
        render_kw={"rows": 3},
        description=_l("What the author should put right."),
    )

    def validate_reason(self, field):
        if problems := return_problems(field.data):
            raise ValidationError(problems[0][1])
