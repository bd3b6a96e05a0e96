"""Who may see what. Every view declares its roles with @allow or @public; the rest is denied."""

from flask import abort, current_app, request
from flask_login import current_user

from portal.accounts.models import Role
from portal.extensions import login_manager

PUBLIC = "public"

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
#: who may create and edit the portfolio, events and participants
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
#: who may see participants' names and e-mail addresses
PERSONAL_DATA = frozenset({Role.ADMIN, Role.OFFICER})
ADMINS = frozenset({Role.ADMIN})
READERS = STAFF


def allow(*roles):
    """Let the given roles (or role sets) reach the view; put it below @bp.route."""
    allowed = set()
    for role in roles:
        allowed |= set(role) if isinstance(role, frozenset | set | tuple) else {role}

    def decorate(view):
        view.allowed_roles = frozenset(allowed)
        return view

    return decorate


def public(view):
    """Let anyone, signed in or not, reach the view."""
    view.allowed_roles = PUBLIC
    return view


def check_access():
    """before_request hook: deny by default, then check the signed-in user's role."""
    if request.endpoint is None:
        return None
    view = current_app.view_functions.get(request.endpoint)
    roles = getattr(view, "allowed_roles", None)
    if request.endpoint == "static" or roles == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not roles or current_user.role not in roles:
        current_app.logger.warning("access denied: user %s to %s", current_user.id, request.endpoint)
        abort(403)
    return None


def can(*roles) -> bool:
    """For templates and views: is the current user in one of these roles (or role sets)?"""
    if not current_user.is_authenticated:
        return False
    allowed = set()
    for role in roles:
        allowed |= set(role) if isinstance(role, frozenset | set | tuple) else {role}
    return current_user.role in allowed
