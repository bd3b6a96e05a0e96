import hmac
import secrets
from datetime import UTC, datetime, timedelta

import pyotp
import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from portal import mail
from portal.accounts import password_links
from portal.accounts.models import LoginAttempt, Role, User
from portal.db import utcnow
from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.security.passwords import password_problem

#: failed sign-ins of an address from one client, and from one client whatever the address, are counted over this
#: window (security.md S2)
FAILURE_WINDOW = timedelta(minutes=15)
#: failed sign-ins of an address from every client are counted over this longer window, against a higher limit
ADDRESS_FAILURE_WINDOW = timedelta(hours=1)
TOTP_ISSUER = "Migration portal"


def _email_taken(email: str, exclude_id: int | None = None) -> bool:
    query = sa.select(User.id).where(sa.func.lower(User.email) == email.lower())
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query) is not None


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


def invite_user(*, email: str, role: str, name: str | None = None, language: str | None = None) -> User:
    """Create an account with a password nobody knows and, once committed, mail its owner a link to choose one."""
    email = email.strip()
    if _email_taken(email):
        raise DomainError("email", _l("An account with this e-mail address already exists."))
    name = (name or "").strip() or email.split("@")[0]
    user = User(email=email, name=name, role=Role(role), language=language or None)
    user.set_password(secrets.token_urlsafe(32))
    db.session.add(user)
    db.session.flush()
    send_password_link(user, password_links.INVITATION)
    return user


def send_password_link(user: User, purpose: str, language: str | None = None) -> None:
    """Mail the account's owner a link to choose a password (INVITATION or RESET), in their language or else in
    `language`, once the transaction commits."""
    token = password_links.make_token(user, purpose)
    mail.send(
        user.email,
        purpose,
        user.language or language,
        recipient=user,
        link=mail.external_url("accounts.set_password", token=token),
        lifetime=password_links.lifetime(purpose),
    )


def set_password_from_link(user: User, password: str, *, name: str | None = None) -> User:
    """Set the password of the account a link was for (and, from an invitation, its name); every link sent to it
    so far stops working, and so do its sessions."""
    check_password_policy(password, user.email, field="new_password")
    if name is not None:
        user.name = name.strip()
    user.set_password(password)
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


def update_profile(user: User, name: str, language: str, *, is_notified: bool) -> User:
    """One's own name, language and notifications: the last save wins. The row is read again under a lock first, so
    that two browsers of one person saving at once wait for each other instead of one getting a conflict."""
    db.session.refresh(user, with_for_update=True)
    user.name = name.strip()
    user.language = language
    user.is_notified = is_notified
    db.session.flush()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password after checking the current one; other sessions end."""
    if not user.check_password(current):
        raise DomainError("current_password", _l("The current password is not correct."))
    check_password_policy(new, user.email, field="new_password")
    user.set_password(new)
    db.session.flush()


def _email_key(email: str) -> str:
    return email.strip().lower()[:254]


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes; they were stored in UTC
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def sign_in_blocked_until(
    email: str, ip: str, *, limit: int, ip_limit: int, address_limit: int, now: datetime | None = None
) -> datetime | None:
    """When sign-in to `email` from `ip` may be tried again, or None when it may be tried now.

    Three limits (security.md S2): `limit` failures of this address from this client and `ip_limit` failures from
    this client, whatever the address, within FAILURE_WINDOW; and `address_limit` failures of this address from every
    client within ADDRESS_FAILURE_WINDOW. Someone guessing from elsewhere so does not lock the owner out, while
    guesses spread over many clients are still limited."""
    now = now or utcnow()
    key, ip = _email_key(email), ip[:45]
    limits = (
        (sa.and_(LoginAttempt.email_key == key, LoginAttempt.ip == ip), limit, FAILURE_WINDOW),
        (LoginAttempt.ip == ip, ip_limit, FAILURE_WINDOW),
        (LoginAttempt.email_key == key, address_limit, ADDRESS_FAILURE_WINDOW),
    )
    until = None
    for condition, most, window in limits:
        # the most-th latest failure within the window: the limit is reached, and lifts when it leaves the window
        query = (
            sa.select(LoginAttempt.created_at)
            .where(condition, LoginAttempt.created_at > now - window)
            .order_by(LoginAttempt.created_at.desc())
            .offset(most - 1)
            .limit(1)
        )
        counted = db.session.scalar(query)
        if counted is not None:
            lifts = _aware(counted) + window
            until = lifts if until is None else max(until, lifts)
    return until


def record_failed_sign_in(email: str, ip: str, *, now: datetime | None = None) -> None:
    """Count a failed sign-in (wrong password or code), and forget those older than every window."""
    now = now or utcnow()
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.created_at <= now - ADDRESS_FAILURE_WINDOW))
    db.session.add(LoginAttempt(email_key=_email_key(email), ip=ip[:45], created_at=now))
    db.session.flush()


def clear_failed_sign_ins(email: str, ip: str) -> None:
    """Forget the failed sign-ins of an address from the client it has just signed in from. Failures from other
    clients stay counted: signing in must not give someone guessing elsewhere a fresh allowance."""
    db.session.execute(
        sa.delete(LoginAttempt).where(LoginAttempt.email_key == _email_key(email), LoginAttempt.ip == ip[:45])
    )


def record_sign_in(user: User, *, now: datetime | None = None) -> None:
    """Note the time of a successful sign-in. A plain UPDATE of that one column, which leaves the row's version (and
    updated_at) alone: sign-in is no edit, and simultaneous sign-ins of one account must never conflict (R7)."""
    now = now or utcnow()
    users = User.__table__
    db.session.execute(
        sa.update(users).where(users.c.id == user.id).values(last_login_at=now, updated_at=users.c.updated_at)
    )
    set_committed_value(user, "last_login_at", now)


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
        if hmac.compare_digest(totp.at(at), code) and _use_step(user, totp.timecode(at)):
            return True
    return False


def _use_step(user: User, step: int) -> bool:
    """Record `step` as the user's last accepted code unless it (or a later one) was used already. One conditional
    UPDATE, so that of two requests with the same code only one succeeds, and without the row's version: a sign-in
    never conflicts with another (R7)."""
    users = User.__table__
    used = db.session.execute(
        sa.update(users)
        .where(users.c.id == user.id, sa.or_(users.c.totp_last_step.is_(None), users.c.totp_last_step < step))
        .values(totp_last_step=step, updated_at=users.c.updated_at)
    )
    if used.rowcount != 1:
        return False
    set_committed_value(user, "totp_last_step", step)
    return True


def enable_totp(user: User, secret: str, code: str, *, now: datetime | None = None) -> None:
    """Turn on two-step sign-in once the user shows a code from the app set up with `secret`."""
    if not _accept_code(user, secret, code, now):
        raise DomainError("code", _l("This code is not right. Check the clock of your device and try again."))
    user.totp_secret = secret
    db.session.flush()


def verify_totp(user: User, code: str, *, now: datetime | None = None) -> bool:
    """Check a sign-in code; each code is accepted once."""
    return user.totp_secret is not None and _accept_code(user, user.totp_secret, code, now)


def disable_totp(user: User, password: str) -> None:
    """Turn two-step sign-in off after checking the password."""
    if not user.check_password(password):
        raise DomainError("password", _l("The password is not correct."))
    user.totp_secret = None
    user.totp_last_step = None
    db.session.flush()
