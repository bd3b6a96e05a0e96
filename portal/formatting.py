"""How numbers, money and countries are written for the reader, in their locale (Babel)."""

import re
from decimal import Decimal

from babel import Locale
from babel.numbers import format_compact_decimal, get_currency_symbol
from flask_babel import format_currency, format_decimal, get_locale

from portal.i18n import country_name

_NUMBER = re.compile(r"[#0][#0,.\u00a0\u202f ]*[#0]|[#0]")


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


def init_app(app) -> None:
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["money_compact"] = money_compact
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["country"] = country_name
