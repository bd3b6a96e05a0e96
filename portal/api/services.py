"""Personal API tokens: created with a secret shown once, stored as a SHA-256 hash, revoked by their owner."""

import hashlib
import secrets

import sqlalchemy as sa

from portal.accounts.models import User
from portal.api.models import ApiToken
from portal.db import utcnow
from portal.extensions import db

#: every secret starts with this, so that a leaked one is easy to recognise (and to search for in logs)
PREFIX = "pt_"


def hash_secret(secret: str) -> str:
    """The hex SHA-256 of a token secret, which is all the database keeps."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns it with its secret, which is not stored and cannot be shown again."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=hash_secret(secret))
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(token: ApiToken) -> None:
    """Stop a token from working; it stays listed as revoked."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()


def user_tokens(user: User) -> list[ApiToken]:
    """A user's tokens, newest first."""
    query = (
        sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(query))


def user_for_secret(secret: str) -> User | None:
    """The enabled user owning this unrevoked token, noting when it was used; None for anything else."""
    if not secret.startswith(PREFIX):
        return None
    token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.token_hash == hash_secret(secret), ApiToken.revoked_at.is_(None))
    )
    if token is None or not token.user.is_enabled:
        return None
    # a plain UPDATE, so that parallel requests with one token never conflict
    db.session.execute(sa.update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=utcnow()))
    return token.user
