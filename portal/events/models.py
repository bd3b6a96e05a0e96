from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Country, TimestampMixin, VersionedMixin
from portal.dialogues.models import Dialogue
from portal.extensions import db
from portal.i18n import TitledInLanguages
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner
from portal.projects.models import Project


class EventType(StrEnum):
    CONFERENCE = "conference"
    MINISTERIAL_CONFERENCE = "ministerial_conference"
    SENIOR_OFFICIALS_MEETING = "senior_officials_meeting"
    WORKING_GROUP = "working_group"
    THEMATIC_MEETING = "thematic_meeting"
    TRAINING = "training"
    WORKSHOP = "workshop"
    WEBINAR = "webinar"
    STUDY_VISIT = "study_visit"
    MEETING = "meeting"

    @property
    def label(self):
        return EVENT_TYPE_LABELS[self]

    @property
    def is_conference(self) -> bool:
        return self in CONFERENCE_TYPES


CONFERENCE_TYPES = frozenset({EventType.CONFERENCE, EventType.MINISTERIAL_CONFERENCE})

EVENT_TYPE_LABELS = {
    EventType.CONFERENCE: _l("Conference"),
    EventType.MINISTERIAL_CONFERENCE: _l("Ministerial conference"),
    EventType.SENIOR_OFFICIALS_MEETING: _l("Senior officials' meeting"),
    EventType.WORKING_GROUP: _l("Working group"),
    EventType.THEMATIC_MEETING: _l("Thematic meeting"),
    EventType.TRAINING: _l("Training"),
    EventType.WORKSHOP: _l("Workshop"),
    EventType.WEBINAR: _l("Webinar"),
    EventType.STUDY_VISIT: _l("Study visit"),
    EventType.MEETING: _l("Meeting"),
}


class EventMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HYBRID = "hybrid"

    @property
    def label(self):
        return {"in_person": _l("In person"), "online": _l("Online"), "hybrid": _l("Hybrid")}[self.value]


event_partners = sa.Table(
    "event_partners",
    db.metadata,
    sa.Column("event_id", sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("partner_id", sa.ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True),
)


class Event(TitledInLanguages, VersionedMixin, TimestampMixin, db.Model):
    """A conference, training, meeting or workshop; it belongs to the year it starts in."""

    __tablename__ = "events"
    __table_args__ = (
        sa.CheckConstraint("end_date >= start_date", name="dates_in_order"),
        sa.Index("ix_events_start_date", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    #: the title and description in French and Russian, where written (portal.i18n.in_reader_language)
    title_fr: Mapped[str | None] = mapped_column(sa.String(500))
    title_ru: Mapped[str | None] = mapped_column(sa.String(500))
    type: Mapped[EventType] = mapped_column(sa.Enum(EventType, native_enum=False, length=30))
    start_date: Mapped[date]
    end_date: Mapped[date]
    mode: Mapped[EventMode] = mapped_column(sa.Enum(EventMode, native_enum=False, length=20))
    city: Mapped[str | None] = mapped_column(sa.String(120))
    country: Mapped[str | None] = Country()
    project_id: Mapped[int | None] = mapped_column(sa.ForeignKey("projects.id"), index=True)
    dialogue_id: Mapped[int | None] = mapped_column(sa.ForeignKey("dialogues.id"), index=True)
    #: declared head counts, for events whose attendees are not recorded one by one
    in_person_count: Mapped[int | None]
    online_count: Mapped[int | None]
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_fr: Mapped[str | None] = mapped_column(sa.Text)
    description_ru: Mapped[str | None] = mapped_column(sa.Text)

    project: Mapped[Project | None] = relationship()
    dialogue: Mapped[Dialogue | None] = relationship()
    partners: Mapped[list[Partner]] = relationship(secondary=event_partners, order_by=Partner.name)
    attendances = relationship("Attendance", back_populates="event", cascade="all, delete-orphan")

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1
