from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from portal.concurrency import VersionedFormMixin
from portal.i18n import lazy_gettext as _l
from portal.partners.models import PARTNER_TYPE_LABELS
from portal.reference.forms import country_select_choices, optional_int, strip


def partner_type_choices(blank=False):
    return ([("", _l("All types"))] if blank else []) + [(t.value, label) for t, label in PARTNER_TYPE_LABELS.items()]


class PartnerForm(VersionedFormMixin, FlaskForm):
    ref = StringField(
        _l("Reference"),
        validators=[Optional(), Length(max=40)],
        filters=[strip],
        description=_l("Leave empty to number it automatically."),
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=255)], filters=[strip])
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=40)], filters=[strip])
    type = SelectField(_l("Type"), validators=[DataRequired()])
    donor_category_id = SelectField(
        _l("Donor category"),
        coerce=optional_int,
        validators=[Optional()],
        description=_l("The category its funding counts for in the key figures."),
    )
    country = SelectField(_l("Country"), validators=[Optional()])
    iati_ref = StringField(
        _l("Organisation identifier"),
        validators=[Optional(), Length(max=100)],
        filters=[strip],
        description=_l("As on org-id.guide, for example XM-DAC-41301; it names the partner in IATI files."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = partner_type_choices()
        self.country.choices = country_select_choices()


class PartnerFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search"), filters=[strip])
    type = SelectField(_l("Type"), validators=[Optional()])
    category = SelectField(_l("Donor category"), coerce=optional_int, validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = partner_type_choices(blank=True)
