"""Who may see what. Every view declares its roles with @allow or @public; the rest is denied."""

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.db import utcnow
from portal.extensions import login_manager

PUBLIC = "public"

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
#: who may create and edit the portfolio, events and participants
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
#: who may see participants' names and e-mail addresses
PERSONAL_DATA = frozenset({Role.ADMIN, Role.OFFICER})
ADMINS = frozenset({Role.ADMIN})
#: who drafts concept notes, who reviews them, and so who may reach a note's pages
APPLICANTS = frozenset({Role.APPLICANT})
REVIEWERS = frozenset({Role.MANAGER, Role.ADMIN})
NOTE_READERS = APPLICANTS | REVIEWERS
READERS = STAFF
#: who may be named a project's officer
OFFICERS = frozenset({Role.OFFICER, Role.ADMIN})
#: who may read the key figures and their snapshots through the API
FIGURE_READERS = frozenset({Role.ADMIN, Role.MANAGER})
#: who may download the whole workbook
DOWNLOADERS = frozenset({Role.ADMIN, Role.MANAGER})
#: who may publish a key-figures snapshot
PUBLISHERS = frozenset({Role.ADMIN, Role.MANAGER})
#: who must sign in with a second factor
TOTP_ROLES = frozenset({Role.ADMIN, Role.MANAGER})


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


def may_read_account(viewer, account_id: int) -> bool:
    """Admins read every account (the users pages); everyone else only their own (the profile)."""
    return viewer.role in ADMINS or viewer.id == account_id


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None (no open redirects)."""
    if (
        target
        and urlsplit(target).netloc == ""
        and urlsplit(target).scheme == ""
        and target.startswith("/")
        and not target.startswith("//")
    ):
        return target
    return None


def mark_fresh() -> None:
    """The user has just typed their password: sensitive actions are allowed for a while."""
    session["fresh_at"] = utcnow().timestamp()


def is_fresh() -> bool:
    """Did the user type their password within FRESH_LOGIN_MAX_AGE?"""
    at = session.get("fresh_at")
    return at is not None and utcnow().timestamp() - at <= current_app.config["FRESH_LOGIN_MAX_AGE"].total_seconds()


def ask_for_password(next_url: str | None = None):
    """Send the user to confirm their password, then back to `next_url` (default: this page or the referrer)."""
    if next_url is None:
        if request.method == "GET":
            next_url = request.full_path.rstrip("?")
        else:
            referrer = urlsplit(request.referrer or "")
            same_site = referrer.netloc in ("", request.host)
            next_url = (referrer.path + (f"?{referrer.query}" if referrer.query else "")) if same_site else None
    flash(_("Please enter your password again to continue."), "info")
    return redirect(url_for("accounts.confirm_password", next=safe_next(next_url)))


def fresh_login_required(view):
    """Require a password typed within FRESH_LOGIN_MAX_AGE (security.md S5): for exports of personal data and
    role changes. Combine with @allow; either order works."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not is_fresh():
            return ask_for_password()
        return view(*args, **kwargs)

    return wrapped
