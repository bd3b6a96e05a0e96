from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.concurrency import VersionedFormMixin
from portal.funding.models import RevenueType
from portal.i18n import lazy_gettext as _l
from portal.reference.forms import YEARS, currency_field, money_field, optional_int, strip

REF_HELP = _l("Leave empty to number it automatically.")


class ContributionForm(VersionedFormMixin, FlaskForm):
    ref = StringField(_l("Reference"), validators=[Optional(), Length(max=40)], filters=[strip], description=REF_HELP)
    donor_id = SelectField(_l("Donor"), coerce=optional_int, validators=[InputRequired()])
    amount = money_field()
    currency = currency_field()
    signed_on = DateField(
        _l("Signed on"), validators=[InputRequired()], description=_l("Its year chooses the exchange rate.")
    )


class ExpenditureForm(VersionedFormMixin, FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), YEARS])
    amount = money_field()
    currency = currency_field()


class RevenueForm(VersionedFormMixin, FlaskForm):
    ref = StringField(_l("Reference"), validators=[Optional(), Length(max=40)], filters=[strip], description=REF_HELP)
    type = SelectField(_l("Type"), validators=[DataRequired()])
    year = IntegerField(_l("Year"), validators=[InputRequired(), YEARS])
    partner_id = SelectField(
        _l("Partner"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("Who paid it; its donor category counts in the key figures."),
    )
    amount = money_field()
    currency = currency_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = [(t.value, t.label) for t in RevenueType]


class RevenueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    year = IntegerField(_l("Year"), validators=[Optional(), YEARS])
    type = SelectField(_l("Type"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = [("", _l("All types")), *((t.value, t.label) for t in RevenueType)]
