from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import utcnow
from portal.extensions import db


class IatiPublication(db.Model):
    """One published IATI activity file: kept, dated and served at a public address, the newest one also at the
    stable address the IATI Registry points to. The file lives in the publication folder (exchange.queries)."""

    __tablename__ = "iati_publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    published_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: the activities the file holds
    activities: Mapped[int]
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64))
    file_name: Mapped[str] = mapped_column(sa.String(120), unique=True)
