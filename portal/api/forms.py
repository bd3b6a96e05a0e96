from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.i18n import lazy_gettext as _l


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=100)],
        description=_l("What the token is for, e.g. the script or spreadsheet that uses it."),
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token: revoking needs no other input."""
