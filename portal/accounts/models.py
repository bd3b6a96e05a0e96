import secrets
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from portal.db import TimestampMixin, VersionedMixin, utcnow
from portal.extensions import db
from portal.i18n import lazy_gettext as _l


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    OFFICER = "officer"
    APPLICANT = "applicant"

    @property
    def label(self):
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.MANAGER: _l("Manager"),
    Role.OFFICER: _l("Programme officer"),
    Role.APPLICANT: _l("Applicant"),
}


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(sa.Enum(Role, native_enum=False, length=20))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    #: interface language chosen by the user (en, fr, ru)
    language: Mapped[str | None] = mapped_column(sa.String(5))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    #: the user gets notification mails (concept notes); invitations and password links are sent regardless
    is_notified: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: what the session cookie carries instead of the id; replaced on sign-out and password change
    session_token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_session_token)
    last_login_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    #: base32 secret of the user's authenticator app; None while two-step sign-in is off
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    #: the last 30-second time step whose code was accepted, so that a code cannot be used twice
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.rotate_session()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def rotate_session(self) -> None:
        """Invalidate every session cookie issued so far for this user."""
        self.session_token = new_session_token()

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    @property
    def has_totp(self) -> bool:
        return self.totp_secret is not None

    def has_role(self, *roles) -> bool:
        return self.role in roles

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class LoginAttempt(db.Model):
    """A failed sign-in, kept for the rate limit (security.md S2); in the database so every worker sees it."""

    __tablename__ = "login_attempts"
    #: not in the audit trail: the limit needs no history and the rows are pruned
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the e-mail address typed, lower-cased
    email_key: Mapped[str] = mapped_column(sa.String(254), index=True)
    ip: Mapped[str] = mapped_column(sa.String(45), index=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
