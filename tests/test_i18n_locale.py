"""The reader's locale: the language they chose or their browser's, with the territory their browser gives for it;
translations come from the language's catalogue whatever the territory."""

import re

import pytest
from babel.support import Translations
from flask import session
from flask_babel import get_locale, gettext, refresh

from portal.accounts.models import Role
from portal.i18n import select_locale


@pytest.mark.parametrize(
    ("accept", "chosen", "expected"),
    [
        ("en-GB,en;q=0.9", None, "en_GB"),
        ("en-US,en;q=0.9", None, "en_US"),
        ("fr-FR,fr;q=0.9", None, "fr_FR"),
        ("ru-RU", None, "ru_RU"),
        ("de-DE,fr-CH;q=0.5", None, "fr_CH"),  # the first language the portal speaks
        ("fr;q=0,ru;q=0.5", None, "ru"),  # q=0 refuses French
        ("fr-XX", None, "fr"),  # a territory Babel does not know: the language alone
        ("de-DE,*;q=0.1", None, "en"),
        ("", None, "en"),
        ("en-GB,en;q=0.9", "en", "en_GB"),  # a chosen language keeps the browser's territory for it
        ("en-GB,fr-CA;q=0.5", "fr", "fr_CA"),
        ("en-GB", "ru", "ru"),  # and takes no territory of another language
    ],
)
def test_the_locale_is_the_chosen_or_the_browsers_language_with_the_browsers_territory(app, accept, chosen, expected):
    with app.test_request_context(headers={"Accept-Language": accept}):
        if chosen:
            session["language"] = chosen
        assert select_locale() == expected


@pytest.mark.parametrize(("accept", "locale", "language"), [("fr-CA", "fr_CA", "fr"), ("ru-RU", "ru_RU", "ru")])
def test_a_territory_translates_with_its_languages_catalogue(app, accept, locale, language):
    catalogue = Translations.load(app.config["BABEL_TRANSLATION_DIRECTORIES"], [language])
    assert catalogue.gettext("Sign in") != "Sign in"
    with app.test_request_context(headers={"Accept-Language": accept}):
        refresh()  # the test's app context holds no locale of an earlier request
        assert str(get_locale()) == locale and gettext("Sign in") == catalogue.gettext("Sign in")


def test_a_territory_writes_the_pages_in_its_language(client):
    page = client.get("/login", headers={"Accept-Language": "fr-CA,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="fr">' in page and "<title>Se connecter" in page


def test_british_english_is_english_for_the_interface(client, auth):
    auth.login(Role.OFFICER)
    response = client.get("/profile", headers={"Accept-Language": "en-GB,en;q=0.9"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="en">' in page
    assert re.search(r'value="en" lang="en" title="English"\s+class="btn btn-light"', page)  # the current language
