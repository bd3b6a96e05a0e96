"""The navigation bar: menus of pages, each entry shown when its endpoint exists and the user's role may reach it.
A menu with a single reachable entry is shown as a plain link, so that no one opens a menu to find one page."""

from typing import NamedTuple

from flask import current_app, request
from flask_login import current_user

from portal.i18n import lazy_gettext as _l

#: (menu label, ((endpoint, label), ...)); the bar stays short enough for Russian labels on a 1200 px screen
MENUS = (
    (_l("Key figures"), (("reports.dashboard", _l("Key figures")),)),
    (
        _l("Portfolio"),
        (
            ("projects.index", _l("Projects")),
            ("partners.index", _l("Partners")),
            ("dialogues.index", _l("Dialogues")),
        ),
    ),
    (
        _l("Events"),
        (
            ("events.index", _l("Events")),
            ("participants.index", _l("Participants")),
            ("participants.duplicates", _l("Probable duplicates")),
            ("participants.retention", _l("Retention of personal data")),
        ),
    ),
    (
        _l("Concept notes"),
        (("concept_notes.index", _l("Concept notes")), ("concept_notes.review_queue", _l("Review"))),
    ),
    (
        _l("Administration"),
        (
            ("exchange.index", _l("Import and export")),
            ("accounts.users", _l("Users")),
            ("reference.index", _l("Reference data")),
            ("organisation.edit", _l("Organisation")),
            ("organisation.facts", _l("Organisation facts")),
            ("audit.index", _l("Audit log")),
        ),
    ),
)


def reachable(endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    roles = getattr(view, "allowed_roles", None)
    if view is None or not roles or not current_user.is_authenticated:
        return False
    return roles == "public" or current_user.role in roles


class Menu(NamedTuple):
    label: str
    #: (endpoint, label) of each entry the user may reach
    entries: list[tuple[str, str]]
    #: whether the page shown is one of the entries or, failing that, of the first menu with its blueprint
    active: bool


def menus() -> list[Menu]:
    """The menus this user has something in, with only the entries they may reach."""
    shown = []
    for label, entries in MENUS:
        entries = [(endpoint, entry) for endpoint, entry in entries if reachable(endpoint)]
        if entries:
            shown.append(Menu(label, entries, active=False))
    endpoints = [{endpoint for endpoint, _ in menu.entries} for menu in shown]
    current = next((n for n, names in enumerate(endpoints) if request.endpoint in names), None)
    if current is None:
        blueprints = [{name.split(".")[0] for name in names} for names in endpoints]
        current = next((n for n, names in enumerate(blueprints) if request.blueprint in names), None)
    if current is not None:
        shown[current] = shown[current]._replace(active=True)
    return shown
