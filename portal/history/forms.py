from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from portal.audit.models import ACTION_LABELS
from portal.i18n import lazy_gettext as _l
from portal.query_args import optional_id


class AuditSearchForm(FlaskForm):
    class Meta:
        csrf = False

    user = SelectField(_l("User"), coerce=optional_id, validators=[Optional()])
    record_type = SelectField(_l("Record type"), validators=[Optional()])
    action = SelectField(
        _l("Action"),
        choices=[SelectChoice("", _l("Any action")), *(SelectChoice(k, v) for k, v in ACTION_LABELS.items())],
        validators=[Optional()],
    )
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])
