from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.concurrency import VersionedFormMixin
from portal.i18n import lazy_gettext as _l
from portal.organisation.rules import member_state_problems, organisation_year_problems
from portal.reference.forms import YEARS, country_select_choices


class OrganisationForm(VersionedFormMixin, FlaskForm):
    name = StringField(_l("Organisation name"), validators=[Optional(), Length(max=255)])
    logo_file = FileField(_l("Logo"), description=_l("PNG or JPEG, at most 2 MB."))
    remove_logo = BooleanField(_l("Remove the logo"))
    signatory_name = StringField(_l("Signatory's name"), validators=[Optional(), Length(max=200)])
    signatory_title = StringField(_l("Signatory's title"), validators=[Optional(), Length(max=200)])
    signature_file = FileField(
        _l("Signature"), description=_l("PNG or JPEG, at most 2 MB; a transparent PNG prints best.")
    )
    remove_signature = BooleanField(_l("Remove the signature"))


def _count_field(label, description):
    return IntegerField(label, validators=[Optional()], description=description, render_kw={"min": 0})


class OrganisationYearForm(VersionedFormMixin, FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), YEARS])
    employees = _count_field(_l("Employees"), _l("Staff at the end of the year."))
    nationalities = _count_field(_l("Nationalities"), _l("Distinct nationalities among those employees."))

    def validate_employees(self, field):
        self._check("employees")

    def validate_nationalities(self, field):
        self._check("nationalities")

    def _check(self, name):
        for problem_field, message in organisation_year_problems(self.employees.data, self.nationalities.data):
            if problem_field == name:
                raise ValidationError(message)


class MemberStateForm(VersionedFormMixin, FlaskForm):
    country = SelectField(_l("Country"), validators=[DataRequired()])
    joined_year = IntegerField(_l("Joined in"), validators=[InputRequired(), YEARS])
    left_year = IntegerField(
        _l("Left in"),
        validators=[Optional(), YEARS],
        description=_l("Empty while the state is a member; from the year it left, it no longer counts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_select_choices()

    def validate_left_year(self, field):
        problems = member_state_problems(self.country.data, self.joined_year.data, field.data)
        if message := next((message for name, message in problems if name == "left_year"), None):
            raise ValidationError(message)
