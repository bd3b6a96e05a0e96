import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional
from wtforms.widgets import TextInput

from portal.concept_notes.models import DISAGGREGATIONS, Level, PartnerKind, Scope
from portal.concurrency import VersionedFormMixin
from portal.i18n import LANGUAGES
from portal.i18n import lazy_gettext as _l
from portal.reference.forms import translation_field


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]


MARKER_CHOICES = choices([("", "—"), ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")])
HUMAN_RIGHTS_CHOICES = choices([("", "—"), ("0", "0"), ("1", "1"), ("2", "2")])
LANGUAGE_CHOICES = choices(LANGUAGES.items())


def _none_if_empty(value):
    return value or None


def _int_or_none(value):
    return None if value in (None, "", "None") else int(value)


class NewNoteForm(FlaskForm):
    title = StringField(_l("Programme title"), validators=[DataRequired(), Length(max=300)])
    language = SelectField(_l("Language of the note"), choices=LANGUAGE_CHOICES, default="en")


class IsoDateField(DateField):
    """A date stored as ISO text inside a JSON column, shown and compared as a date."""

    def process_data(self, value):
        super().process_data(date.fromisoformat(value) if isinstance(value, str) and value else value)


#: an amount typed with the writer's separators: "120000.5", "120,000.50", "120 000,50", "120.000,50"
AMOUNT = re.compile(r"^(\d+(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$")


class AmountField(DecimalField):
    """A USD amount as people type it, with thousands separators and a decimal point or comma (as the budget's
    live totals in concept_notes.js read it)."""

    widget = TextInput()

    def process_formdata(self, valuelist):
        if valuelist:
            compact = re.sub(r"[\s\u00a0\u202f']", "", valuelist[0])
            match = AMOUNT.match(compact)
            if match:
                valuelist = [f"{re.sub('[.,]', '', match[1])}.{match[2] or '0'}"]
        super().process_formdata(valuelist)


class PartnerForm(Form):
    name = StringField(_l("Partner"), validators=[Length(max=300)])
    kind = SelectField(
        _l("Kind of partner"),
        choices=choices([("", "—")] + [(kind.value, kind.label) for kind in PartnerKind]),
        filters=[_none_if_empty],
        validators=[Optional()],
    )


class EndorsementForm(Form):
    country = SelectField(_l("Government of"), filters=[_none_if_empty], validators=[Optional()])
    by = StringField(_l("Endorsed by (name and office)"), validators=[Length(max=300)])
    on = IsoDateField(_l("Endorsed on"), validators=[Optional()])


class CoverForm(VersionedFormMixin, FlaskForm):
    title = StringField(_l("Programme title"), validators=[DataRequired(), Length(max=300)])
    language = SelectField(
        _l("Language of the note"), choices=LANGUAGE_CHOICES, description=_l("The PDF is written in this language.")
    )
    scope = SelectField(
        _l("Geographic scope"),
        choices=choices([("", "—")] + [(s.value, s.label) for s in Scope]),
        filters=[_none_if_empty],
        validators=[Optional()],
    )
    countries = SelectMultipleField(
        _l("Countries"), validators=[Optional()], description=_l("A regional programme covers two or more countries.")
    )
    organisations = SelectMultipleField(
        _l("Participating UN organisations"),
        validators=[Optional()],
        description=_l("At least two: this is a joint programme."),
    )
    lead_organisation = SelectField(
        _l("Convening (lead) organisation"), filters=[_none_if_empty], validators=[Optional()], validate_choice=False
    )
    partners = FieldList(
        FormField(PartnerForm),
        label=_l("Implementing partners"),
        description=_l(
            "Ministries, local governments, civil society, migrant organisations, academia: more than one government "
            "entity, and civil society or migrants, among them."
        ),
    )
    thematic_area = SelectField(_l("Thematic area"), filters=[_none_if_empty], validators=[Optional()])
    gcm_objectives = SelectMultipleField(_l("GCM objectives"), validators=[Optional()])
    sdg_targets = SelectMultipleField(
        _l("SDG targets the programme contributes to"),
        validators=[Optional()],
        description=_l("Alignment with the 2030 Agenda."),
    )
    guiding_principles = SelectMultipleField(
        _l("GCM guiding principles applied"),
        validators=[Optional()],
        description=_l("For each one chosen, say below how the programme applies it."),
    )
    duration_months = IntegerField(_l("Duration (months)"), validators=[Optional(), NumberRange(1, 60)])
    planned_start_on = DateField(_l("Planned start"), validators=[Optional()])
    gender_marker = SelectField(
        _l("Gender marker"), choices=MARKER_CHOICES, coerce=_int_or_none, validators=[Optional()]
    )
    gender_justification = TextAreaField(_l("Justification of the gender marker"), validators=[Length(max=2000)])
    human_rights_marker = SelectField(
        _l("Human rights marker"), choices=HUMAN_RIGHTS_CHOICES, coerce=_int_or_none, validators=[Optional()]
    )
    human_rights_justification = TextAreaField(
        _l("Justification of the human rights marker"), validators=[Length(max=2000)]
    )
    child_marker = SelectField(
        _l("Child-sensitivity marker"), choices=MARKER_CHOICES, coerce=_int_or_none, validators=[Optional()]
    )
    child_justification = TextAreaField(
        _l("Justification of the child-sensitivity marker"), validators=[Length(max=2000)]
    )
    gender_budget_percent = DecimalField(
        _l("Share of the budget for gender equality (%)"),
        places=2,
        validators=[Optional(), NumberRange(0, 100)],
        description=_l("The part of the budget spent on gender equality and women's empowerment."),
    )
    government_endorsements = FieldList(FormField(EndorsementForm), label=_l("Endorsement by the government(s)"))
    rc_endorsed_by = StringField(_l("Endorsed by the UN Resident Coordinator (name)"), validators=[Length(max=200)])
    rc_endorsed_on = DateField(_l("Endorsed by the Resident Coordinator on"), validators=[Optional()])
    contact_name = StringField(_l("Contact name"), validators=[Length(max=200)])
    contact_organisation = StringField(_l("Contact organisation"), validators=[Length(max=200)])
    contact_email = StringField(_l("Contact e-mail address"), validators=[Optional(), Email(), Length(max=254)])


class SectionForm(VersionedFormMixin, FlaskForm):
    body = TextAreaField(_l("Text"), validators=[Length(max=60000)])


class OutcomeForm(VersionedFormMixin, FlaskForm):
    statement = TextAreaField(_l("Outcome"), validators=[DataRequired(), Length(max=2000)])


class OutputForm(VersionedFormMixin, FlaskForm):
    outcome_id = SelectField(_l("Outcome"), coerce=_int_or_none, validators=[Optional()])
    statement = TextAreaField(_l("Output"), validators=[DataRequired(), Length(max=2000)])


class IndicatorForm(VersionedFormMixin, FlaskForm):
    output_id = SelectField(_l("Output"), coerce=_int_or_none, validators=[Optional()])
    description = TextAreaField(_l("Indicator"), validators=[DataRequired(), Length(max=2000)])
    baseline = StringField(_l("Baseline"), validators=[Length(max=1000)])
    target = StringField(_l("Target"), validators=[Length(max=1000)])
    means_of_verification = StringField(_l("Means of verification"), validators=[Length(max=1000)])
    responsible_organisation = SelectField(
        _l("Responsible UN organisation"), filters=[_none_if_empty], validators=[Optional()]
    )
    disaggregation = SelectMultipleField(
        _l("Disaggregated by"), choices=choices(DISAGGREGATIONS.items()), validators=[Optional()]
    )


class RiskForm(VersionedFormMixin, FlaskForm):
    description = TextAreaField(_l("Risk"), validators=[DataRequired(), Length(max=2000)])
    likelihood = SelectField(_l("Likelihood"), choices=choices((level.value, level.label) for level in Level))
    impact = SelectField(_l("Impact"), choices=choices((level.value, level.label) for level in Level))
    mitigation = TextAreaField(_l("Mitigation"), validators=[Length(max=2000)])


class InviteForm(FlaskForm):
    email = StringField(_l("E-mail address of the applicant"), validators=[DataRequired(), Email(), Length(max=254)])


class CommentForm(FlaskForm):
    section = SelectField(_l("Part of the note"))
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=5000)])


class ReferenceItemForm(VersionedFormMixin, FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    label = StringField(_l("Short label"), validators=[DataRequired(), Length(max=200)])
    label_fr = translation_field(_l("Short label in French"), "fr", 200)
    label_ru = translation_field(_l("Short label in Russian"), "ru", 200)
    title = TextAreaField(_l("Full title"), validators=[Length(max=2000)])
    title_fr = translation_field(_l("Full title in French"), "fr", 2000, TextAreaField)
    title_ru = translation_field(_l("Full title in Russian"), "ru", 2000, TextAreaField)
    position = IntegerField(_l("Position"), default=0, validators=[Optional(), NumberRange(0, 10000)])
    is_active = BooleanField(_l("Offered on new notes"), default=True)


def cover_form_class(principles: list[tuple[str, str]], applications: dict):
    """The cover form with one text per guiding principle, named "principle-<code>", opened at the saved text."""

    class NoteCoverForm(CoverForm):
        pass

    for code, label in principles:
        setattr(
            NoteCoverForm,
            principle_field(code),
            TextAreaField(label, default=applications.get(code, ""), validators=[Length(max=2000)]),
        )
    return NoteCoverForm


def principle_field(code: str) -> str:
    """The cover form's field for how the programme applies one guiding principle."""
    return f"principle-{code}"


def budget_form_class(organisations, categories, outcomes=(), years=()):
    """A form with one amount field per organisation and category, named "<organisation>-<category>", and one per
    outcome and programme year, named "outcome<id>-year<n>"."""

    class BudgetForm(VersionedFormMixin, FlaskForm):
        pass

    def amount(label):
        return AmountField(label, places=2, validators=[Optional(), NumberRange(0, 10**11)])

    for organisation in organisations:
        for category in categories:
            setattr(BudgetForm, f"{organisation}-{category}", amount(f"{organisation} {category}"))
    for number, outcome_id in enumerate(outcomes, start=1):
        for year in years:
            setattr(
                BudgetForm,
                allocation_field(outcome_id, year),
                amount(_l("Outcome %(n)s, year %(year)s", n=number, year=year)),
            )
    return BudgetForm


def allocation_field(outcome_id: int, year: int) -> str:
    """The budget form's field for one outcome's direct costs in one programme year."""
    return f"outcome{outcome_id}-year{year}"
