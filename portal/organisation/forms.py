from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField
from wtforms.validators import Length, Optional

from portal.concurrency import VersionedFormMixin
from portal.i18n import lazy_gettext as _l


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
