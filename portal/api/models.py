from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import utcnow
from portal.extensions import db


class ApiToken(db.Model):
    """A personal token for the read-only API; only the SHA-256 hash of the secret is kept.

    Not versioned: nobody edits a token in a form, and last_used_at is written with a plain UPDATE on every
    request, which a version counter would turn into conflicts between parallel requests."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    #: hex SHA-256 of the secret shown once to the user
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    user = relationship("User")

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
