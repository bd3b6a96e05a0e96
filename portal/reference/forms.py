import re

from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.concurrency import VersionedFormMixin
from portal.i18n import country_choices, is_currency
from portal.i18n import lazy_gettext as _l
from portal.query_args import optional_id
from portal.reference.rules import duty_station_problems, rate_problems, sector_codes

YEARS = NumberRange(min=1990, max=2100, message=_l("Enter a year between %(min)s and %(max)s."))


def strip(value):
    return value.strip() if isinstance(value, str) else value


def upper(value):
    return value.strip().upper() if isinstance(value, str) else value


class IsoCurrency:
    """A three-letter ISO 4217 code of money in use (portal.i18n.is_currency)."""

    def __call__(self, form, field):
        if field.data and not is_currency(field.data):
            raise ValidationError(_l("Not an ISO 4217 currency code (for example EUR, USD, CHF)."))


def currency_field(label=None, **kwargs):
    return StringField(
        label or _l("Currency"),
        validators=[DataRequired(), Length(min=3, max=3), IsoCurrency()],
        filters=[upper],
        render_kw={"maxlength": 3, "autocapitalize": "characters"},
        description=_l("ISO 4217 code, for example EUR or USD."),
        **kwargs,
    )


class DecimalText:
    """The typed text must be a plain decimal: digits, an optional point and at most `places` decimals."""

    def __init__(self, digits: int, places: int, message=None):
        self.pattern = re.compile(rf"\d{{1,{digits}}}(\.\d{{1,{places}}})?")
        self.message = message

    def __call__(self, form, field):
        if field.process_errors:
            return
        text = (field.raw_data or [""])[0].strip()
        if not self.pattern.fullmatch(text):
            raise ValidationError(self.message)


def money_field(label=None, **kwargs):
    """An amount >= 0 with at most two decimals, written without sign, exponent or thousands separators."""
    return DecimalField(
        label or _l("Amount"),
        places=2,
        validators=[
            InputRequired(),
            DecimalText(
                12,
                2,
                _l(
                    "Enter an amount such as 1250000.50: digits, at most two decimals, no sign, exponent or separators."
                ),
            ),
        ],
        description=_l("For example 1250000.50"),
        **kwargs,
    )


#: the coerce of SelectFields of ids (portal.query_args): a value no row could have is not a valid choice
optional_int = optional_id


def country_select_choices(blank=True):
    return ([("", "—")] if blank else []) + country_choices()


def translation_field(label, language: str, length: int, field=StringField):
    """The optional French or Russian version of a text; left blank, readers of that language see the English."""
    return field(
        label, validators=[Optional(), Length(max=length)], filters=[strip_or_none], render_kw={"lang": language}
    )


def strip_or_none(value):
    return value.strip() or None if isinstance(value, str) else None


class CodeNameForm(VersionedFormMixin, FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)], filters=[strip])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip])
    name_fr = translation_field(_l("Name in French"), "fr", 200)
    name_ru = translation_field(_l("Name in Russian"), "ru", 200)


class ThematicAreaForm(CodeNameForm):
    dac_sectors = StringField(
        _l("DAC sectors"),
        validators=[DataRequired(), Length(max=120)],
        filters=[sector_codes],
        default="15190",
        description=_l(
            "DAC 5-digit purpose codes of the IATI Sector codelist, separated by spaces, for example 15190 15136. "
            "A project's IATI file gives the sectors of its thematic areas, in equal shares."
        ),
    )


class ExchangeRateForm(VersionedFormMixin, FlaskForm):
    currency = currency_field()
    year = IntegerField(_l("Year"), validators=[InputRequired(), YEARS])
    rate = DecimalField(
        _l("Rate"),
        places=None,
        validators=[
            InputRequired(),
            DecimalText(10, 8, _l("Enter a rate such as 0.84210000: digits and at most 8 decimals.")),
        ],
        description=_l("Units of the reporting currency for one unit of this currency (annual average)."),
    )

    def validate_rate(self, field):
        if problems := rate_problems(field.data):
            raise ValidationError(problems[0][1])


class DutyStationForm(VersionedFormMixin, FlaskForm):
    ref = StringField(_l("Reference"), validators=[DataRequired(), Length(max=40)], filters=[strip])
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=120)], filters=[strip])
    city_fr = translation_field(_l("City in French"), "fr", 120)
    city_ru = translation_field(_l("City in Russian"), "ru", 120)
    country = SelectField(_l("Country"), validators=[DataRequired()])
    opened_on = DateField(_l("Opened on"), validators=[Optional()])
    closed_on = DateField(_l("Closed on"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_select_choices()

    def validate_closed_on(self, field):
        if problems := duty_station_problems(self.opened_on.data, field.data):
            raise ValidationError(problems[0][1])
