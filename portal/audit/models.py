import json
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import utcnow
from portal.extensions import db
from portal.i18n import lazy_gettext as _l

ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "import": _l("Imported"),
    "merge": _l("Merged"),
    "erase": _l("Erased"),
    "export": _l("Exported"),
    "retention": _l("Retention applied"),
}


class AuditEntry(db.Model):
    """One change or event in the audit trail. Written by portal.audit.services only; never edited from the portal."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_record", "record_type", "record_id"),
        sa.Index("ix_audit_entries_parent", "record_type", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: when, in UTC
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    #: the signed-in user (no foreign key: the log outlives accounts); None for the command line
    actor_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    #: "web" or "cli"
    source: Mapped[str] = mapped_column(sa.String(10), default="web")
    #: create, update, delete, import, merge, erase, export
    action: Mapped[str] = mapped_column(sa.String(20), index=True)
    #: the model class name, e.g. "Project"; None for an entry about many records
    record_type: Mapped[str | None] = mapped_column(sa.String(60))
    record_id: Mapped[int | None] = mapped_column(sa.Integer)
    #: the record whose History lists this entry too (services.PARENTS): a contribution's project, an attendance's
    #: event; no foreign key, as the log outlives the records
    parent_id: Mapped[int | None] = mapped_column(sa.Integer)
    #: JSON {field: [before, after]}
    changes: Mapped[str | None] = mapped_column(sa.Text)
    #: JSON with what an import, merge, erasure or export concerned
    details: Mapped[str | None] = mapped_column(sa.Text)
    #: the import (or other batch) entry this change was part of
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("audit_entries.id"), index=True)

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def change_list(self) -> list[tuple[str, list]]:
        """(field, [before, after]) pairs, by field name."""
        return sorted(json.loads(self.changes).items()) if self.changes else []

    @property
    def detail_dict(self) -> dict:
        return json.loads(self.details) if self.details else {}


def record_class(record_type: str | None):
    """The mapped class an entry's record_type names, or None (a type since removed, or no record)."""
    for mapper in db.Model.registry.mappers:
        if mapper.class_.__name__ == record_type:
            return mapper.class_
    return None
