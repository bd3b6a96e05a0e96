"""The navigation bar: an entry is shown when its endpoint exists and the user's role may reach it."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

#: (endpoint, label, group); group None is the top bar, "admin" the administration menu
NAV = (
    ("reports.dashboard", _l("Key figures"), None),
    ("projects.index", _l("Projects"), None),
    ("partners.index", _l("Partners"), None),
    ("dialogues.index", _l("Dialogues"), None),
    ("events.index", _l("Events"), None),
    ("participants.index", _l("Participants"), None),
    ("concept_notes.index", _l("Concept notes"), None),
    ("concept_notes.review_queue", _l("Review"), None),
    ("exchange.index", _l("Import and export"), None),
    ("accounts.users", _l("Users"), "admin"),
    ("reference.index", _l("Reference data"), "admin"),
    ("participants.duplicates", _l("Duplicates"), "admin"),
    ("audit.index", _l("Audit log"), "admin"),
)


def reachable(endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    roles = getattr(view, "allowed_roles", None)
    if view is None or not roles or not current_user.is_authenticated:
        return False
    return roles == "public" or current_user.role in roles


def nav_items(group=None):
    return [(endpoint, label) for endpoint, label, g in NAV if g == group and reachable(endpoint)]
