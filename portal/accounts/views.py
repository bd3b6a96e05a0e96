from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.accounts import services
from portal.accounts.access import ADMINS, ALL_ROLES, allow, public
from portal.accounts.forms import LoginForm, PasswordChangeForm, ProfileForm, UserForm
from portal.accounts.models import Role, User
from portal.db import get_or_404, utcnow
from portal.errors import DomainError, apply_domain_error
from portal.extensions import db
from portal.i18n import LANGUAGES

bp = Blueprint("accounts", __name__)

HOME_BY_ROLE = {
    Role.ADMIN: "projects.index",
    Role.OFFICER: "projects.index",
    Role.MANAGER: "reports.dashboard",
    Role.APPLICANT: "concept_notes.index",
}


def _safe_next(target: str | None) -> str | None:
    if target and urlsplit(target).netloc == "" and urlsplit(target).scheme == "" and target.startswith("/"):
        return target
    return None


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
        user = services.find_user_by_email(form.email.data)
        if user is None or not user.is_enabled or not user.check_password(form.password.data):
            current_app.logger.info("sign-in failed")
            form.form_errors.append(_("Wrong e-mail address or password."))
        else:
            language = session.get("language")
            session.clear()
            if language:
                session["language"] = language
            login_user(user)
            session.permanent = True
            user.last_login_at = utcnow()
            db.session.commit()
            current_app.logger.info("sign-in: user %s", user.id)
            return redirect(_safe_next(request.args.get("next")) or url_for("accounts.home"))
    return render_template("accounts/login.html", form=form)


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
    return redirect(_safe_next(request.form.get("next")) or url_for("accounts.home"))


@bp.route("/profile", methods=["GET", "POST"])
@allow(ALL_ROLES)
def profile():
    form = ProfileForm(obj=current_user, prefix="profile")
    password_form = PasswordChangeForm(prefix="password")
    if request.method == "POST" and "profile-name" in request.form:
        if form.validate_on_submit():
            current_user.name = form.name.data.strip()
            current_user.language = form.language.data
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.profile"))
    elif request.method == "POST" and password_form.validate_on_submit():
        try:
            services.change_password(current_user, password_form.current_password.data,
                                     password_form.new_password.data)
        except DomainError as error:
            apply_domain_error(password_form, error)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())
            flash(_("Your password is changed; other sessions are signed out."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form, password_form=password_form)


@bp.route("/admin/users")
@allow(ADMINS)
def users():
    query = sa.select(User).order_by(User.name)
    q = request.args.get("q", "").strip()
    if q:
        like = f"%{q.lower()}%"
        query = query.where(sa.or_(sa.func.lower(User.name).like(like), sa.func.lower(User.email).like(like)))
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("accounts/users.html", page=page, q=q)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@allow(ADMINS)
def create_user():
    form = UserForm()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors.append(_("A new account needs a password."))
        else:
            try:
                user = services.create_user(email=form.email.data, name=form.name.data, role=form.role.data,
                                            password=form.password.data, language=form.language.data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                db.session.commit()
                flash(_("Account %(email)s created.", email=user.email), "success")
                return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@allow(ADMINS)
def edit_user(user_id):
    user = get_or_404(User, user_id)
    form = UserForm(obj=user)
    if request.method == "GET":
        form.role.data = user.role.value
    if form.validate_on_submit():
        try:
            services.update_user(user, email=form.email.data, name=form.name.data, role=form.role.data,
                                 language=form.language.data, is_enabled=form.is_enabled.data,
                                 password=form.password.data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Account %(email)s saved.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=user)
