"""Request handling shared by every page: sign-in, access checks, sessions, headers, template helpers."""

import secrets

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import formatting, navigation
from portal.accounts.access import TOTP_ROLES, can, check_access
from portal.audit.services import remember_actor
from portal.db import utcnow
from portal.errors import ERROR_TITLES, JSON_PATH_PREFIX, register_error_handlers
from portal.extensions import db, login_manager
from portal.i18n import KOSOVO_FOOTNOTE, LANGUAGES, country_name, current_language
from portal.i18n import lazy_gettext as _l
from portal.pdf import PdfRenderError
from portal.query_args import link_args


def init_app(app) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic" if app.testing else "strong"
    login_manager.user_loader(_load_user)
    proxies = app.config.get("TRUSTED_PROXIES", 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    if app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_NAME"] == "session":
        # __Host- cookies are refused by browsers unless Secure, Path=/ and without Domain: no subdomain can set them
        app.config["SESSION_COOKIE_NAME"] = "__Host-session"
    app.before_request(_expire_session)
    app.before_request(check_access)
    app.before_request(_remember_actor)
    app.before_request(_require_two_step_enrolment)
    app.before_request(_refuse_nul_characters)
    app.after_request(_security_headers)
    formatting.init_app(app)
    app.add_template_global(link_args)  # a global, for macros imported without context (_macros/pagination.html)
    register_error_handlers(app)
    app.register_error_handler(PdfRenderError, _pdf_failed)

    @app.context_processor
    def template_helpers():
        return {
            "nav_menus": navigation.menus,
            "reachable": navigation.reachable,
            "can": can,
            "languages": LANGUAGES,
            "current_language": current_language(),
            "country_name": country_name,
            "kosovo_footnote": KOSOVO_FOOTNOTE,
            "csp_nonce": _nonce(),
            "demo_data": _demo_data(),
        }


def _load_user(token):
    from portal.accounts.models import User

    user = db.session.scalar(db.select(User).where(User.session_token == token))
    return user if user is not None and user.is_enabled else None


def _expire_session():
    """Sign out after SESSION_IDLE_TIMEOUT without a request, and PERMANENT_SESSION_LIFETIME after signing in."""
    if not current_user.is_authenticated or g.get("api_token_user"):
        return  # a request signed with an API token (portal.api) has no session to expire
    now = utcnow().timestamp()
    config = current_app.config
    last, start = session.get("seen"), session.get("signed_in_at")
    idle = last is not None and now - last > config["SESSION_IDLE_TIMEOUT"].total_seconds()
    if idle or start is None or now - start > config["PERMANENT_SESSION_LIFETIME"].total_seconds():
        current_app.logger.info("session expired: user %s", current_user.id)
        logout_user()
        session.clear()
        flash(_("Your session has expired. Please sign in again."), "info")
        return
    session["seen"] = now


def _refuse_nul_characters():
    """A NUL character in the query string or a form: no field takes one, and PostgreSQL can neither store nor
    compare it (the query would fail with a 500). Answer 400 with a message instead, before any view reads it; the
    same for a JSON body (autosave). The API (portal.api) answers such parameters itself; uploaded files are not
    form fields."""
    if request.path.startswith(JSON_PATH_PREFIX):
        return None
    fields = [request.args]
    if request.mimetype == "application/x-www-form-urlencoded":
        fields.append(request.form)
    in_json = request.is_json and _holds_nul(request.get_json(silent=True))
    if in_json or any("\x00" in key or "\x00" in value for multi in fields for key, value in multi.items(multi=True)):
        message = _("The request contains a NUL character, which no field accepts. Remove it and try again.")
        return render_template("errors/error.html", code=400, title=ERROR_TITLES[400], message=message), 400
    return None


def _holds_nul(value) -> bool:
    """Whether a JSON value (an autosave's text, say) holds a NUL character anywhere."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _remember_actor():
    remember_actor(current_user.id if current_user.is_authenticated else None)


#: pages a user who must set up two-step sign-in may still reach
ENROLMENT_ENDPOINTS = frozenset({"accounts.totp_setup", "accounts.logout", "accounts.set_language", "static"})


def _require_two_step_enrolment():
    if (
        current_user.is_authenticated
        and current_app.config["TOTP_REQUIRED_FOR_ADMINS"]
        and not g.get("api_token_user")
        and current_user.role in TOTP_ROLES
        and not current_user.has_totp
        and request.endpoint not in ENROLMENT_ENDPOINTS
    ):
        return redirect(url_for("accounts.totp_setup"))
    return None


def _pdf_failed(error):
    return render_template(
        "errors/error.html", code=503, title=_("The PDF could not be made"), message=error.message
    ), 503


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
