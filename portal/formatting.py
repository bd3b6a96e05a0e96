"""How numbers, money, dates, countries and punctuation are written for the reader, in their locale (Babel)."""

import re
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.numbers import format_compact_decimal, get_currency_symbol
from babel.units import format_unit
from flask_babel import format_currency, format_date, format_decimal, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup, escape

from portal.i18n import country_name, current_language

_NUMBER = re.compile(r"[#0][#0,.\u00a0\u202f ]*[#0]|[#0]")
#: the day of the month in a CLDR date pattern when written without a leading zero ("d", not "dd")
_DAY = re.compile(r"(?<!d)d(?!d)")
#: quoted literal text in a CLDR pattern, such as 'г'
_QUOTED = re.compile(r"('[^']*')")
_NAMED_FORMATS = ("short", "medium", "long", "full")


def money(amount: Decimal | None, currency: str) -> str:
    """An exact amount with its currency, e.g. €1,482,000.00."""
    if amount is None:
        return ""
    return format_currency(amount, currency)


def money_compact(amount: Decimal | None, currency: str, locale=None) -> str:
    """A big amount the way reports write it: €329 million, €58.2 million."""
    if amount is None:
        return ""
    locale = Locale.parse(str(locale or get_locale() or "en"))
    number = format_compact_decimal(amount, format_type="long", fraction_digits=1, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    symbol = get_currency_symbol(currency, locale=locale)
    return _NUMBER.sub(number, pattern, count=1).replace("¤", symbol).strip()


def number(value) -> str:
    return format_decimal(value or 0)


def file_size(size: int) -> str:
    """A size in bytes as the language writes it: "1 byte", "2 байта", "1 234 octets"."""
    return format_unit(size, "digital-byte", length="long", locale=str(get_locale() or "en"))


def date_text(value: date | None, format: str = "medium") -> str:
    """A date in the reader's locale (Flask-Babel's dateformat), the first of a month written "1er" in French."""
    if value is None:
        return ""
    if value.day == 1 and current_language() == "fr":
        locale = Locale.parse(str(get_locale()))
        pattern = locale.date_formats[format].pattern if format in _NAMED_FORMATS else format
        format = "".join(part if part.startswith("'") else _DAY.sub("d'er'", part) for part in _QUOTED.split(pattern))
    return format_date(value, format)


def colon(label, language: str | None = None) -> Markup:
    """A label and its colon as the language writes them before a value: "Region:", "Région\u202f:" (French
    puts a narrow no-break space before it); the reader's language unless `language` is given."""
    return escape(label) + ("\u202f:" if (language or current_language()) == "fr" else ":")


def fill(message: str, variables: dict) -> str:
    """message % variables, with one full stop where a value ending in one ends the sentence: a Russian date ends
    in "г.", and "на %(day)s." must give "на 30 ноября 2026 г.", not "г.."."""
    for name, value in variables.items():
        if str(value).endswith("."):
            message = message.replace(f"%({name})s.", f"%({name})s")
    return message % variables


# Jinja's own newstyle gettext (jinja2.ext._make_new_gettext), filling the message with fill().
@pass_context
def _gettext(context, string: str, /, **variables) -> str:
    return _filled(context, get_translations().ugettext(string), variables)


@pass_context
def _ngettext(context, singular: str, plural: str, count: int, /, **variables) -> str:
    variables.setdefault("num", count)
    return _filled(context, get_translations().ungettext(singular, plural, count), variables)


def _filled(context, message: str, variables: dict) -> str:
    # a catalogue message is template text, marked safe as Jinja marks it; % escapes the values
    return fill(Markup(message) if context.eval_ctx.autoescape else message, variables)  # noqa: S704


def init_app(app) -> None:
    """Filters for templates, and the templates' gettext (`_`, `{% trans %}`) filled with fill()."""
    app.jinja_env.globals.update(gettext=_gettext, ngettext=_ngettext)
    app.jinja_env.filters["dateformat"] = date_text
    app.jinja_env.filters["colon"] = colon
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["money_compact"] = money_compact
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["file_size"] = file_size
    app.jinja_env.filters["country"] = country_name
