"""Request handling shared by every page: sign-in, access checks, sessions, headers, template helpers."""

import secrets

from flask import current_app, g, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from portal import formatting, navigation
from portal.accounts.access import can, check_access
from portal.db import utcnow
from portal.errors import register_error_handlers
from portal.extensions import db, login_manager
from portal.i18n import KOSOVO_FOOTNOTE, LANGUAGES, country_name


def init_app(app) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic" if app.testing else "strong"
    login_manager.user_loader(_load_user)
    app.before_request(_expire_idle_session)
    app.before_request(check_access)
    app.after_request(_security_headers)
    formatting.init_app(app)
    register_error_handlers(app)

    @app.context_processor
    def template_helpers():
        return {
            "nav_items": navigation.nav_items,
            "reachable": navigation.reachable,
            "can": can,
            "languages": LANGUAGES,
            "current_language": str(get_locale() or "en"),
            "country_name": country_name,
            "kosovo_footnote": KOSOVO_FOOTNOTE,
            "csp_nonce": _nonce(),
            "demo_data": _demo_data(),
        }


def _load_user(token):
    from portal.accounts.models import User

    user = db.session.scalar(db.select(User).where(User.session_token == token))
    return user if user is not None and user.is_enabled else None


def _expire_idle_session():
    if not current_user.is_authenticated:
        return
    now = utcnow().timestamp()
    last = session.get("seen")
    if last is not None and now - last > current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds():
        logout_user()
        session.clear()
        return
    session["seen"] = now


def _nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _demo_data() -> bool:
    from portal.reference.models import Setting

    if "demo_data" not in g:
        g.demo_data = Setting.get("demo_data") is not None
    return g.demo_data


def _security_headers(response):
    nonce = _nonce()
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if current_user.is_authenticated and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response
