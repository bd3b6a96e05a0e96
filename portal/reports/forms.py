from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField
from wtforms.validators import DataRequired, NumberRange, Optional

from portal.i18n import lazy_gettext as _l

FIRST_YEAR = 1950
LAST_YEAR = 2100


class KeyFiguresForm(FlaskForm):
    """The dashboard's year and filters, read from the query string."""

    class Meta:
        csrf = False

    year = IntegerField(_l("Year"), validators=[Optional(), NumberRange(FIRST_YEAR, LAST_YEAR)])
    region = SelectField(_l("Region"), default="")
    donor_category = SelectField(_l("Donor category"), default="")
    dialogue = SelectField(_l("Dialogue"), default="")


class PublishForm(FlaskForm):
    """Publishing a year's key figures, with the filters they were computed with."""

    year = HiddenField(validators=[DataRequired()])
    region = HiddenField()
    donor_category = HiddenField()
    dialogue = HiddenField()
    confirm = BooleanField(
        _l("I confirm that these figures are final: the published copy will not change."),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )
