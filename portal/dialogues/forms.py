from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.concurrency import VersionedFormMixin
from portal.dialogues.models import GroupKind, GroupRole, MemberStatus
from portal.dialogues.rules import plan_period_problems
from portal.i18n import lazy_gettext as _l
from portal.reference.forms import country_select_choices, optional_int, strip, translation_field
from portal.rules import period_problems

POSITION = NumberRange(min=0, max=999)


class DialogueForm(VersionedFormMixin, FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=255)], filters=[strip])
    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=40)],
        filters=[strip],
        description=_l("A short unique code, for example RP."),
    )
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=40)], filters=[strip])
    region_id = SelectField(_l("Region"), coerce=optional_int, validators=[Optional()])
    secretariat_id = SelectField(
        _l("Secretariat"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("The partner organisation that runs the secretariat."),
    )
    started_on = DateField(_l("Started on"), validators=[Optional()])
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=20000)], filters=[strip], render_kw={"rows": 4}
    )
    name_fr = StringField(
        _l("Name in French"), validators=[Optional(), Length(max=255)], filters=[strip], render_kw={"lang": "fr"}
    )
    description_fr = TextAreaField(
        _l("Description in French"),
        validators=[Optional(), Length(max=20000)],
        filters=[strip],
        render_kw={"rows": 3, "lang": "fr"},
    )
    name_ru = StringField(
        _l("Name in Russian"), validators=[Optional(), Length(max=255)], filters=[strip], render_kw={"lang": "ru"}
    )
    description_ru = TextAreaField(
        _l("Description in Russian"),
        validators=[Optional(), Length(max=20000)],
        filters=[strip],
        render_kw={"rows": 3, "lang": "ru"},
    )


class ChairmanshipForm(VersionedFormMixin, FlaskForm):
    country = SelectField(_l("Chair"), validators=[DataRequired()])
    start_date = DateField(_l("From"), validators=[InputRequired()])
    end_date = DateField(_l("Until"), validators=[Optional()], description=_l("Leave empty while it lasts."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_select_choices()

    def validate_end_date(self, field):
        if problems := period_problems(self.start_date.data, field.data):
            raise ValidationError(problems[0][1])


class PlanForm(VersionedFormMixin, FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(), Length(max=255)],
        filters=[strip],
        description=_l("For example Joint Valletta Action Plan."),
    )
    title_fr = translation_field(_l("Title in French"), "fr", 255)
    title_ru = translation_field(_l("Title in Russian"), "ru", 255)
    valid_from = DateField(_l("Valid from"), validators=[Optional()], description=_l("Leave empty if open."))
    valid_until = DateField(_l("Valid until"), validators=[Optional()], description=_l("Leave empty if open."))

    def validate_valid_until(self, field):
        if problems := plan_period_problems(self.valid_from.data, field.data):
            raise ValidationError(problems[0][1])


class SharePlanForm(FlaskForm):
    plan_id = SelectField(
        _l("Action plan"),
        coerce=optional_int,
        validators=[InputRequired()],
        description=_l("A plan of another dialogue that this dialogue shares too."),
    )


class DomainForm(VersionedFormMixin, FlaskForm):
    title = StringField(_l("Domain"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    position = IntegerField(
        _l("Position"), validators=[Optional(), POSITION], description=_l("Domains are listed by position.")
    )


class PriorityForm(VersionedFormMixin, FlaskForm):
    code = StringField(
        _l("Code"), validators=[Optional(), Length(max=20)], filters=[strip], description=_l("For example 1.2")
    )
    title = StringField(_l("Priority"), validators=[DataRequired(), Length(max=500)], filters=[strip])
    champion = SelectField(
        _l("Champion country"), validators=[Optional()], description=_l("The country that champions the priority.")
    )
    position = IntegerField(_l("Position"), validators=[Optional(), POSITION])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.champion.choices = country_select_choices()


class MappingForm(FlaskForm):
    project_id = SelectField(_l("Project"), coerce=optional_int, validators=[InputRequired()])
    priority_ids = SelectMultipleField(
        _l("Action-plan priorities"),
        coerce=int,
        validators=[Optional()],
        render_kw={"size": 10},
        description=_l("Hold Ctrl (or Cmd) to choose several."),
    )


class _StateOrOrganisationForm(VersionedFormMixin, FlaskForm):
    """A state or an organisation of the register (one of the two); editing keeps it and changes only the rest."""

    country = SelectField(_l("State"), validators=[Optional()])
    partner_id = SelectField(
        _l("Organisation"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("Choose a state or an organisation of the partner register."),
    )

    def __init__(self, *args, partners=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.country
            del self.partner_id
        else:
            self.country.choices = country_select_choices()
            self.partner_id.choices = [("", "—"), *partners]


class MembershipForm(_StateOrOrganisationForm):
    status = SelectField(
        _l("Status"),
        coerce=MemberStatus,
        validators=[InputRequired()],
        description=_l("Only a state can be a focus country."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [(status.value, status.label) for status in MemberStatus]


class GroupForm(VersionedFormMixin, FlaskForm):
    kind = SelectField(
        _l("Kind"),
        coerce=GroupKind,
        validators=[InputRequired()],
    )
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=255)],
        filters=[strip],
        description=_l("For example Steering Committee."),
    )
    name_fr = translation_field(_l("Name in French"), "fr", 255)
    name_ru = translation_field(_l("Name in Russian"), "ru", 255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(kind.value, kind.label) for kind in GroupKind]


class GroupMemberForm(_StateOrOrganisationForm):
    role = SelectField(
        _l("Role"),
        coerce=GroupRole,
        validators=[InputRequired()],
        description=_l("Only a state can chair a group."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role.value, role.label) for role in GroupRole]
