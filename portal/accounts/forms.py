from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, ValidationError
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from portal.accounts.models import ROLE_LABELS
from portal.i18n import LANGUAGES
from portal.i18n import lazy_gettext as _l
from portal.security.passwords import PASSWORD_MAX, PASSWORD_MIN, password_problem


class PasswordPolicy:
    """Field validator for a new password: the policy of portal.security.passwords, message beside the field."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field):
        if not field.data:
            return
        email = form[self.email_field].data if self.email_field else getattr(form, "account_email", None)
        problem = password_problem(field.data, email)
        if problem is not None:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(), Length(max=10)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)])


def role_choices():
    return [(role.value, label) for role, label in ROLE_LABELS.items()]


def language_choices():
    return list(LANGUAGES.items())


class _AccountForm(FlaskForm):
    """What an admin gives every account, whether created with a password or invited by mail."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=role_choices, validators=[DataRequired()])


class UserForm(_AccountForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    language = SelectField(_l("Language"), choices=language_choices)
    is_enabled = BooleanField(_l("Account enabled"), default=True)
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(max=PASSWORD_MAX), PasswordPolicy(email_field="email")],
        description=_l(
            "At least %(n)d characters, not a common password. Leave empty to keep the current password.",
            n=PASSWORD_MIN,
        ),
    )


class InvitationForm(_AccountForm):
    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=200)],
        description=_l("Optional: the invited person can change it when choosing a password."),
    )
    language = SelectField(
        _l("Language"), choices=language_choices, description=_l("The language of the invitation and of the portal.")
    )


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])


class SetPasswordForm(FlaskForm):
    """A password chosen through a link (or, with the current one, on the profile page); the view sets
    `account_email` for the policy."""

    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=PASSWORD_MAX), PasswordPolicy()],
        description=_l(
            "At least %(n)d characters, not a common password; a long phrase is easier to remember.", n=PASSWORD_MIN
        ),
    )
    confirm = PasswordField(
        _l("Repeat the new password"), validators=[DataRequired(), EqualTo("new_password", _l("Passwords differ."))]
    )


class AcceptInvitationForm(SetPasswordForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=200)])


class ProfileForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    language = SelectField(_l("Language"), choices=language_choices)
    is_notified = BooleanField(
        _l("E-mail me notifications"),
        description=_l("About the concept notes you work on or review. Invitations and password links always come."),
    )


class PasswordChangeForm(SetPasswordForm):
    """A new password chosen on the profile page, which asks for the current one too."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
