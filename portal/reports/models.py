import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from portal.db import VersionedMixin, utcnow
from portal.extensions import db


class KeyFigureSnapshot(VersionedMixin, db.Model):
    """A year's key figures as published: the JSON document and the PDF, frozen, never recomputed."""

    __tablename__ = "key_figure_snapshots"
    __table_args__ = (sa.Index("ix_key_figure_snapshots_year", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    #: the filters the figures were computed with, as JSON ({} for the whole portfolio)
    filters: Mapped[str] = mapped_column(sa.Text, default="{}")
    #: the key-figures.md JSON document, as published
    document: Mapped[str] = mapped_column(sa.Text)
    pdf: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary))
    #: the language the PDF was written in
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    published_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    published_by = relationship("User")

    @property
    def figures(self) -> dict:
        return json.loads(self.document)

    @property
    def filter_values(self) -> dict:
        return json.loads(self.filters or "{}")
