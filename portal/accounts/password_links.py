"""Links that let someone choose their account's password without knowing the current one: in an invitation and in
a password-reset mail. Signed with the secret key, they expire (INVITATION_MAX_AGE, PASSWORD_RESET_MAX_AGE) and
work once: each carries a digest of the account's password hash and address, which choosing a password changes."""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from portal.accounts.models import User
from portal.db import utcnow
from portal.extensions import db

#: what a link is for; also the name of the mail that carries it (templates/mail/<purpose>.txt)
INVITATION = "invitation"
RESET = "password_reset"
SALT = "portal.accounts.password-link"


def _serializer() -> URLSafeSerializer:
    # the newest key last: links signed with a key in SECRET_KEY_FALLBACKS keep working while it is rolled out
    keys = [*current_app.config["SECRET_KEY_FALLBACKS"], current_app.secret_key]
    return URLSafeSerializer(keys, salt=SALT)


def lifetime(purpose: str) -> timedelta | None:
    """How long a link for `purpose` works; None for no known purpose."""
    return {
        INVITATION: current_app.config["INVITATION_MAX_AGE"],
        RESET: current_app.config["PASSWORD_RESET_MAX_AGE"],
    }.get(purpose)


def _state(user: User) -> str:
    return hashlib.sha256(f"{user.password_hash}\n{user.email.strip().lower()}".encode()).hexdigest()[:32]


def make_token(user: User, purpose: str, *, now: datetime | None = None) -> str:
    """The token of a link for `purpose` (INVITATION or RESET): valid until it expires or the password changes."""
    issued = int((now or utcnow()).timestamp())
    return _serializer().dumps({"user": user.id, "for": purpose, "state": _state(user), "at": issued})


def account_for_token(token: str, *, now: datetime | None = None) -> tuple[User, str] | None:
    """The account and purpose of a valid link token; None when it is forged, expired or used, or when the account
    is disabled."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    max_age = lifetime(data.get("for"))
    if max_age is None or (now or utcnow()) - datetime.fromtimestamp(data["at"], UTC) > max_age:
        return None
    user = db.session.get(User, data["user"])
    if user is None or not user.is_enabled or not hmac.compare_digest(_state(user), data["state"]):
        return None
    return user, data["for"]
