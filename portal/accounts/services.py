import hmac
from datetime import datetime, timedelta

import pyotp
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from portal.accounts.models import LoginAttempt, Role, User
from portal.db import utcnow
from portal.errors import DomainError
from portal.extensions import db
from portal.security.passwords import password_problem

#: failed sign-ins are counted over this window (security.md S2)
FAILURE_WINDOW = timedelta(minutes=15)
TOTP_ISSUER = "Migration portal"


def _email_taken(email: str, exclude_id: int | None = None) -> bool:
    query = sa.select(User.id).where(sa.func.lower(User.email) == email.lower())
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query) is not None


def find_user_by_email(email: str) -> User | None:
    """The account with this address, compared case-insensitively."""
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == email.strip().lower()))


def check_password_policy(password: str, email: str | None, field: str = "password") -> None:
    """Raise a DomainError on `field` when the password breaks the policy."""
    problem = password_problem(password, email)
    if problem is not None:
        raise DomainError(field, problem)


def create_user(*, email: str, name: str, role: str, password: str, language: str | None = None) -> User:
    """Create an account; the e-mail address must be unused."""
    email = email.strip()
    if _email_taken(email):
        raise DomainError("email", _l("An account with this e-mail address already exists."))
    check_password_policy(password, email)
    user = User(email=email, name=name.strip(), role=Role(role), language=language or None)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(
    user: User, *, email: str, name: str, role: str, language: str | None, is_enabled: bool, password: str | None = None
) -> User:
    """Change an account; a new password or a disabled account signs its sessions out."""
    email = email.strip()
    if _email_taken(email, exclude_id=user.id):
        raise DomainError("email", _l("An account with this e-mail address already exists."))
    if password:
        check_password_policy(password, email)
    if user.role != Role(role):
        user.rotate_session()
    user.email, user.name, user.role, user.language = email, name.strip(), Role(role), language or None
    if user.is_enabled and not is_enabled:
        user.rotate_session()
    user.is_enabled = is_enabled
    if password:
        user.set_password(password)
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password after checking the current one; other sessions end."""
    if not user.check_password(current):
        raise DomainError("current_password", _l("The current password is not correct."))
    check_password_policy(new, user.email, field="new_password")
    user.set_password(new)
    db.session.flush()


def sign_in_blocked(email: str, ip: str, *, limit: int, ip_limit: int, now: datetime | None = None) -> bool:
    """True when the address or the client has had `limit` (`ip_limit`) failed sign-ins within the window."""
    since = (now or utcnow()) - FAILURE_WINDOW
    recent = sa.select(sa.func.count(LoginAttempt.id)).where(LoginAttempt.created_at > since)
    by_email = db.session.scalar(recent.where(LoginAttempt.email_key == email.strip().lower()))
    by_ip = db.session.scalar(recent.where(LoginAttempt.ip == ip))
    return by_email >= limit or by_ip >= ip_limit


def record_failed_sign_in(email: str, ip: str, *, now: datetime | None = None) -> None:
    """Count a failed sign-in (wrong password or code), and forget those older than the window."""
    now = now or utcnow()
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.created_at <= now - FAILURE_WINDOW))
    db.session.add(LoginAttempt(email_key=email.strip().lower()[:254], ip=ip[:45], created_at=now))
    db.session.flush()


def clear_failed_sign_ins(email: str) -> None:
    """Forget an address's failed sign-ins after it signed in."""
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.email_key == email.strip().lower()))


def new_totp_secret() -> str:
    """A fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


def _accept_code(user: User, secret: str, code: str, now: datetime | None = None) -> bool:
    totp = pyotp.TOTP(secret)
    code = "".join((code or "").split())
    moment = now or utcnow()
    for drift in (0, -1, 1):
        at = moment + timedelta(seconds=drift * totp.interval)
        step = totp.timecode(at)
        if hmac.compare_digest(totp.at(at), code) and (user.totp_last_step is None or step > user.totp_last_step):
            user.totp_last_step = step
            return True
    return False


def enable_totp(user: User, secret: str, code: str, *, now: datetime | None = None) -> None:
    """Turn on two-step sign-in once the user shows a code from the app set up with `secret`."""
    if not _accept_code(user, secret, code, now):
        raise DomainError("code", _l("This code is not right. Check the clock of your device and try again."))
    user.totp_secret = secret
    db.session.flush()


def verify_totp(user: User, code: str, *, now: datetime | None = None) -> bool:
    """Check a sign-in code; each code is accepted once."""
    accepted = user.totp_secret is not None and _accept_code(user, user.totp_secret, code, now)
    db.session.flush()
    return accepted


def disable_totp(user: User, password: str) -> None:
    """Turn two-step sign-in off after checking the password."""
    if not user.check_password(password):
        raise DomainError("password", _l("The password is not correct."))
    user.totp_secret = None
    user.totp_last_step = None
    db.session.flush()
