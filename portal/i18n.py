from datetime import date
from functools import cache

import sqlalchemy as sa
from babel import Locale, UnknownLocaleError
from babel.numbers import get_territory_currencies
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale, gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import escape


class EscapedLazyString(LazyString):
    """A message translated when shown. flask_babel's LazyString declares itself HTML (its __html__ returns its
    text), so a message holding what a user typed, `_l("%(code)s is taken", code=...)`, reached the page as markup;
    this one is escaped in templates like any other text."""

    def __html__(self):
        return str(escape(str(self)))


def lazy_gettext(string: str, **variables) -> EscapedLazyString:
    """flask_babel.lazy_gettext, escaped in templates: import it as `_l`."""
    return EscapedLazyString(gettext, string, **variables)


_l = lazy_gettext

LANGUAGES = {"en": "English", "fr": "Français", "ru": "Русский"}

KOSOVO = "XK"
KOSOVO_FOOTNOTE = _l(
    "* All references to Kosovo in this document should be understood to be in the context of "
    "United Nations Security Council resolution 1244 (1999)."
)
#: Babel territories that are not countries a project can work in (regions, pseudo-codes)
_NOT_COUNTRIES = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"}


def select_locale() -> str:
    """The reader's locale: their language (an API request's `lang` argument, then the signed-in user's, then the
    session's, else the browser's first one the portal speaks) with the territory the browser gives for that
    language, so that formats follow it: en-GB writes 30/11/2026, en-US 11/30/26. Translations fall back from en_GB
    to en (gettext drops the territory)."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = _chosen_language()
    for tag, quality in request.accept_languages:
        language = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and language in LANGUAGES and chosen in (None, language):
            return str(_browser_locale(tag.replace("_", "-"), language))
    return chosen or "en"


def _chosen_language() -> str | None:
    # an API request names the language of its texts with ?lang=, over the reader's own choice
    if request.blueprint == "api" and request.args.get("lang") in LANGUAGES:
        return request.args["lang"]
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    if session.get("language") in LANGUAGES:
        return session["language"]
    return None


def _browser_locale(tag: str, language: str) -> Locale:
    """The locale of an Accept-Language tag such as en-GB; the language alone when Babel does not know the tag."""
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale.parse(language)


def current_language() -> str:
    """The language of the interface (en, fr or ru), whatever territory the formats follow."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "en"


#: languages a record's text may also be written in, besides English (columns `<field>_fr`, `<field>_ru`)
OTHER_LANGUAGES = tuple(language for language in LANGUAGES if language != "en")


def in_reader_language(record, field: str, language: str | None = None) -> str:
    """The record's text `field` in the reader's language (its `<field>_fr` or `<field>_ru` column) when written,
    else the English text: a missing translation falls back to English."""
    language = language or current_language()
    if language in OTHER_LANGUAGES:
        text = getattr(record, f"{field}_{language}", None)
        if text:
            return text
    return getattr(record, field) or ""


class TitledInLanguages:
    """A record whose `title` and `description` may also be written in French and Russian (`title_fr`, ...): both
    in the reader's language."""

    @property
    def display_title(self) -> str:
        return in_reader_language(self, "title")

    @property
    def display_description(self) -> str:
        return in_reader_language(self, "description")


def reader_language_column(model, field: str, language: str | None = None):
    """SQL for `in_reader_language`: the column in the reader's language, English where it is blank, so that lists
    sort and group by what the reader sees."""
    language = language or current_language()
    english = getattr(model, field)
    if language not in OTHER_LANGUAGES:
        return english
    return sa.func.coalesce(sa.func.nullif(getattr(model, f"{field}_{language}"), ""), english)


def _locale(locale=None) -> Locale:
    return Locale.parse(str(locale or get_locale() or "en"))


def country_name(code: str | None, locale=None) -> str:
    """The country's name in the reader's language; Kosovo is written Kosovo*."""
    if not code:
        return ""
    code = code.upper()
    name = _locale(locale).territories.get(code, code)
    return f"{name}*" if code == KOSOVO else name


def country_codes() -> list[str]:
    """Every ISO 3166-1 alpha-2 code Babel knows, plus XK."""
    territories = Locale.parse("en").territories
    return sorted(c for c in territories if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES)


def is_country(code: str | None) -> bool:
    return bool(code) and code.upper() in _country_set()


@cache
def _currencies() -> frozenset[str]:
    codes = set()
    for territory in Locale.parse("en").territories:
        codes.update(get_territory_currencies(territory, start_date=date(2000, 1, 1), end_date=date.today()))
    return frozenset(codes)


def is_currency(code: str | None) -> bool:
    """An ISO 4217 code in legal use somewhere since 2000: money a contribution can be in, not XXX (no currency),
    XTS (testing) or gold; the forms, the workbook import and the API agree on it."""
    return bool(code) and code.upper() in _currencies()


_COUNTRIES: frozenset[str] | None = None


def _country_set() -> frozenset[str]:
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = frozenset(country_codes())
    return _COUNTRIES


def country_choices(locale=None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name in the reader's language, for select fields."""
    pairs = [(code, country_name(code, locale)) for code in country_codes()]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def mentions_kosovo(codes) -> bool:
    return any((c or "").upper() == KOSOVO for c in codes)
