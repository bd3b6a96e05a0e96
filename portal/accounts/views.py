import base64
import hashlib
import hmac
import math
import secrets
from datetime import datetime

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.accounts import password_links, queries, services, tasks
from portal.accounts.access import (
    ADMINS,
    ALL_ROLES,
    TOTP_ROLES,
    allow,
    ask_for_password,
    is_fresh,
    mark_fresh,
    public,
    safe_next,
)
from portal.accounts.forms import (
    AcceptInvitationForm,
    CodeForm,
    ConfirmPasswordForm,
    ForgotPasswordForm,
    InvitationForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    SetPasswordForm,
    UserForm,
)
from portal.accounts.models import Role, User
from portal.db import get_or_404, utcnow
from portal.errors import DomainError, apply_domain_error
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import LANGUAGES
from portal.mail import retrying
from portal.queue import enqueue_after_commit

bp = Blueprint("accounts", __name__)

#: how long the code step may take after the password step
PENDING_CODE_SECONDS = 300

HOME_BY_ROLE = {
    Role.ADMIN: "projects.index",
    Role.OFFICER: "projects.index",
    Role.MANAGER: "reports.dashboard",
    Role.APPLICANT: "concept_notes.index",
}


def _client_ip() -> str:
    return request.remote_addr or "unknown"


def _blocked_until(email: str) -> datetime | None:
    """When sign-in to `email` from this client may be tried again; None when it may be tried now."""
    config = current_app.config
    return services.sign_in_blocked_until(
        email,
        _client_ip(),
        limit=config["LOGIN_FAILURE_LIMIT"],
        ip_limit=config["LOGIN_IP_FAILURE_LIMIT"],
        address_limit=config["LOGIN_ADDRESS_FAILURE_LIMIT"],
    )


def _refuse_too_many(template: str, form, until: datetime):
    current_app.logger.warning("sign-in refused: too many failed attempts")
    seconds = max(1, math.ceil((until - utcnow()).total_seconds()))
    minutes = math.ceil(seconds / 60)
    form.form_errors.append(
        ngettext(
            "Too many failed sign-ins. For your security, please try again in %(num)d minute.",
            "Too many failed sign-ins. For your security, please try again in %(num)d minutes.",
            minutes,
        )
    )
    return render_template(template, form=form), 429, {"Retry-After": str(seconds)}


def client_fingerprint() -> str:
    """What a session is bound to: the browser's User-Agent and, unless SESSION_BIND_TO_CLIENT_ADDRESS is off, the
    client address (as ProxyFix gives it behind TRUSTED_PROXIES, never a header the client could set)."""
    address = _client_ip() if current_app.config["SESSION_BIND_TO_CLIENT_ADDRESS"] else ""
    agent = request.headers.get("User-Agent", "")
    return hashlib.sha256(f"{address}\n{agent}".encode()).hexdigest()[:32]


@bp.before_app_request
def _sign_out_replayed_session():
    """A session cookie used from another browser or client address than it was signed in from is signed out
    (security.md S5). Flask-Login's own session protection only marks a permanent session as not fresh."""
    if "_user_id" not in session or hmac.compare_digest(session.get("client", ""), client_fingerprint()):
        return
    current_app.logger.warning("session signed out: used from another client")
    logout_user()
    session.clear()
    flash(_("Your session has expired. Please sign in again."), "info")


def _fresh_session() -> None:
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def _needs_totp_enrolment(user: User) -> bool:
    return current_app.config["TOTP_REQUIRED_FOR_ADMINS"] and user.role in TOTP_ROLES and not user.has_totp


def _complete_sign_in(user: User, next_url: str | None):
    _fresh_session()
    login_user(user)
    session.permanent = True
    now = utcnow()
    session["signed_in_at"] = session["seen"] = now.timestamp()
    session["client"] = client_fingerprint()
    mark_fresh()
    services.record_sign_in(user, now=now)
    services.clear_failed_sign_ins(user.email, _client_ip())
    db.session.commit()
    current_app.logger.info("sign-in: user %s", user.id)
    if _needs_totp_enrolment(user):
        flash(_("Your role requires two-step sign-in. Set it up to continue."), "info")
        return redirect(url_for("accounts.totp_setup"))
    return redirect(safe_next(next_url) or url_for("accounts.home"))


@bp.route("/")
@public
def home():
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    endpoint = HOME_BY_ROLE.get(current_user.role, "accounts.profile")
    if endpoint not in current_app.view_functions:
        endpoint = "accounts.profile"
    return redirect(url_for(endpoint))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = LoginForm()
    if form.validate_on_submit():
        if until := _blocked_until(form.email.data):
            return _refuse_too_many("accounts/login.html", form, until)
        user = queries.find_user_by_email(form.email.data)
        if user is None or not user.is_enabled or not user.check_password(form.password.data):
            services.record_failed_sign_in(form.email.data, _client_ip())
            db.session.commit()
            current_app.logger.info("sign-in failed: user %s", user.id if user else "unknown")
            form.form_errors.append(_("Wrong e-mail address or password."))
        elif user.has_totp:
            _fresh_session()
            session.update(
                pending_user=user.id, pending_at=utcnow().timestamp(), pending_next=safe_next(request.args.get("next"))
            )
            return redirect(url_for("accounts.login_code"))
        else:
            return _complete_sign_in(user, request.args.get("next"))
    return render_template("accounts/login.html", form=form)


@bp.route("/login/code", methods=["GET", "POST"])
@public
def login_code():
    user_id, started = session.get("pending_user"), session.get("pending_at", 0)
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.is_enabled or utcnow().timestamp() - started > PENDING_CODE_SECONDS:
        for key in ("pending_user", "pending_at", "pending_next"):
            session.pop(key, None)
        return redirect(url_for("accounts.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if until := _blocked_until(user.email):
            return _refuse_too_many("accounts/login_code.html", form, until)
        if services.verify_totp(user, form.code.data):
            return _complete_sign_in(user, session.get("pending_next"))
        services.record_failed_sign_in(user.email, _client_ip())
        db.session.commit()
        current_app.logger.info("sign-in code failed: user %s", user.id)
        form.code.errors.append(_("This code is not right. Codes change every 30 seconds."))
    return render_template("accounts/login_code.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        if until := _blocked_until(form.email.data):
            return _refuse_too_many("accounts/forgot_password.html", form, until)
        # counted like a failed sign-in: the one limit bounds both the guessing and the mails sent to an address
        services.record_failed_sign_in(form.email.data, _client_ip())
        enqueue_after_commit(retrying(tasks.send_password_reset, form.email.data.strip(), str(get_locale())))
        db.session.commit()
        flash(_("If an account uses this address, a link to choose a new password is on its way to it."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/set/<token>", methods=["GET", "POST"])
@public
def set_password(token):
    found = password_links.account_for_token(token)
    if found is None:
        return render_template("accounts/password_link_invalid.html"), 404
    user, purpose = found
    invitation = purpose == password_links.INVITATION
    form = AcceptInvitationForm(obj=user) if invitation else SetPasswordForm()
    form.account_email = user.email
    chosen = save_submitted(
        form, lambda data: services.set_password_from_link(user, data["new_password"], name=data.get("name"))
    )
    if chosen is not None:
        db.session.commit()
        current_app.logger.info("password set from a link: user %s", user.id)
        flash(_("Your password is set. Sign in with your e-mail address and it."), "success")
        return redirect(url_for("accounts.login"))
    page = render_template("accounts/set_password.html", form=form, user=user, invitation=invitation)
    return page, {"Cache-Control": "no-store"}


@bp.route("/confirm-password", methods=["GET", "POST"])
@allow(ALL_ROLES)
def confirm_password():
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        if until := _blocked_until(current_user.email):
            return _refuse_too_many("accounts/confirm_password.html", form, until)
        if current_user.check_password(form.password.data):
            mark_fresh()
            return redirect(safe_next(request.args.get("next")) or url_for("accounts.home"))
        services.record_failed_sign_in(current_user.email, _client_ip())
        db.session.commit()
        form.password.errors.append(_("The password is not correct."))
    return render_template("accounts/confirm_password.html", form=form)


@bp.route("/logout", methods=["POST"])
@allow(ALL_ROLES)
def logout():
    current_user.rotate_session()
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/language", methods=["POST"])
@public
def set_language():
    language = request.form.get("language")
    if language in LANGUAGES:
        session["language"] = language
        if current_user.is_authenticated:
            current_user.language = language
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("accounts.home"))


@bp.route("/profile", methods=["GET", "POST"])
@allow(ALL_ROLES)
def profile():
    form = ProfileForm(obj=current_user, prefix="profile")
    password_form = PasswordChangeForm(prefix="password")
    password_form.account_email = current_user.email
    if request.method == "POST" and "profile-name" in request.form:
        if form.validate_on_submit():
            services.update_profile(
                current_user._get_current_object(),
                form.name.data,
                form.language.data,
                is_notified=form.is_notified.data,
            )
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.profile"))
    elif request.method == "POST" and password_form.validate_on_submit():
        try:
            services.change_password(current_user, password_form.current_password.data, password_form.new_password.data)
        except DomainError as error:
            apply_domain_error(password_form, error)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())
            mark_fresh()
            flash(_("Your password is changed; other sessions are signed out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, password_form=password_form)


@bp.route("/admin/users")
@allow(ADMINS)
def users():
    q = request.args.get("q", "").strip()
    sort = queries.USER_SORTING.requested()
    query = queries.users_query(q, sort=sort)
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("accounts/users.html", page=page, q=q, sort=sort)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@allow(ADMINS)
def create_user():
    form = UserForm()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("A new account needs a password."))
        else:
            try:
                user = services.create_user(
                    email=form.email.data,
                    name=form.name.data,
                    role=form.role.data,
                    password=form.password.data,
                    language=form.language.data,
                )
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                db.session.commit()
                flash(_("Account %(email)s created.", email=user.email), "success")
                return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=None)


@bp.route("/admin/users/invite", methods=["GET", "POST"])
@allow(ADMINS)
def invite_user():
    form = InvitationForm()
    user = save_submitted(form, lambda data: services.invite_user(**data))
    if user is not None:
        db.session.commit()
        flash(_("An invitation is on its way to %(email)s.", email=user.email), "success")
        return redirect(url_for("accounts.users"))
    return render_template(
        "accounts/invite.html", form=form, lifetime=password_links.lifetime(password_links.INVITATION)
    )


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@allow(ADMINS)
def edit_user(user_id):
    user = get_or_404(User, user_id)
    form = UserForm(obj=user)
    if request.method == "GET":
        form.role.data = user.role.value
    if form.validate_on_submit() and form.role.data != user.role.value and not is_fresh():
        return ask_for_password(url_for("accounts.edit_user", user_id=user.id))
    if form.validate_on_submit():
        try:
            services.update_user(
                user,
                email=form.email.data,
                name=form.name.data,
                role=form.role.data,
                language=form.language.data,
                is_enabled=form.is_enabled.data,
                password=form.password.data,
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Account %(email)s saved.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=user)


def _pending_secret() -> str:
    """The secret offered for enrolment: derived from the server key and a per-session nonce, so that the
    signed (not encrypted) session cookie never holds it."""
    nonce = session.setdefault("totp_nonce", secrets.token_hex(16))
    digest = hmac.new(current_app.secret_key.encode(), f"totp:{current_user.id}:{nonce}".encode(), "sha256")
    return base64.b32encode(digest.digest()[:20]).decode()


@bp.route("/profile/two-step", methods=["GET", "POST"])
@allow(ALL_ROLES)
def totp_setup():
    if current_user.has_totp:
        return render_template(
            "accounts/totp.html", form=ConfirmPasswordForm(), secret=None, uri=None, required=_role_requires_totp()
        )
    secret = _pending_secret()
    form = CodeForm()
    if form.validate_on_submit():
        try:
            services.enable_totp(current_user, secret, form.code.data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            session.pop("totp_nonce", None)
            flash(_("Two-step sign-in is on. You will be asked for a code at each sign-in."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/totp.html",
        form=form,
        secret=secret,
        uri=services.totp_uri(current_user, secret),
        required=_role_requires_totp(),
    )


def _role_requires_totp() -> bool:
    return bool(current_app.config["TOTP_REQUIRED_FOR_ADMINS"] and current_user.role in TOTP_ROLES)


@bp.route("/profile/two-step/off", methods=["POST"])
@allow(ALL_ROLES)
def totp_disable():
    if _role_requires_totp():
        flash(_("Your role requires two-step sign-in; it cannot be turned off."), "warning")
        return redirect(url_for("accounts.totp_setup"))
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        try:
            services.disable_totp(current_user, form.password.data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Two-step sign-in is off."), "info")
            return redirect(url_for("accounts.profile"))
    if not current_user.has_totp:
        return redirect(url_for("accounts.totp_setup"))
    return render_template("accounts/totp.html", form=form, secret=None, uri=None, required=False), 422
