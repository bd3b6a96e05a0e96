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
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from portal.concept_notes.models import DISAGGREGATIONS, Level, Scope
from portal.concurrency import VersionedFormMixin
from portal.i18n import LANGUAGES
from portal.i18n import lazy_gettext as _l


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]


MARKER_CHOICES = choices([("", "—"), ("0", "0"), ("1", "1"), ("2", "2"), ("3", "3")])
LANGUAGE_CHOICES = choices(LANGUAGES.items())


def _none_if_empty(value):
    return value or None


def _int_or_none(value):
    return None if value in (None, "", "None") else int(value)


class NewNoteForm(FlaskForm):
    title = StringField(_l("Programme title"), validators=[DataRequired(), Length(max=300)])
    language = SelectField(_l("Language of the note"), choices=LANGUAGE_CHOICES, default="en")


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
    implementing_partners = TextAreaField(
        _l("Implementing partners"),
        validators=[Length(max=5000)],
        description=_l("One per line: ministries, local governments, civil society, migrant organisations, academia."),
    )
    thematic_area = SelectField(_l("Thematic area"), filters=[_none_if_empty], validators=[Optional()])
    gcm_objectives = SelectMultipleField(_l("GCM objectives"), validators=[Optional()])
    guiding_principles = SelectMultipleField(
        _l("GCM guiding principles applied"), validators=[Optional()], description=_l("Explain each in section 6.")
    )
    duration_months = IntegerField(_l("Duration (months)"), validators=[Optional(), NumberRange(1, 60)])
    planned_start_on = DateField(_l("Planned start"), validators=[Optional()])
    gender_marker = SelectField(
        _l("Gender marker"), choices=MARKER_CHOICES, coerce=_int_or_none, validators=[Optional()]
    )
    gender_justification = TextAreaField(_l("Justification of the gender marker"), validators=[Length(max=2000)])
    human_rights_marker = SelectField(
        _l("Human rights marker"), choices=MARKER_CHOICES, coerce=_int_or_none, validators=[Optional()]
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
    title = TextAreaField(_l("Full title"), validators=[Length(max=2000)])
    position = IntegerField(_l("Position"), default=0, validators=[Optional(), NumberRange(0, 10000)])
    is_active = BooleanField(_l("Offered on new notes"), default=True)


def budget_form_class(organisations, categories):
    """A form with one amount field per organisation and category, named "<organisation>-<category>"."""

    class BudgetForm(VersionedFormMixin, FlaskForm):
        pass

    for organisation in organisations:
        for category in categories:
            setattr(
                BudgetForm,
                f"{organisation}-{category}",
                DecimalField(f"{organisation} {category}", places=2, validators=[Optional(), NumberRange(0, 10**11)]),
            )
    return BudgetForm
