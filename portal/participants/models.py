from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Country, TimestampMixin, VersionedMixin, utcnow
from portal.events.models import Event
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"

    @property
    def label(self):
        return {
            "female": _l("Female"),
            "male": _l("Male"),
            "other": _l("Other"),
            "undisclosed": _l("Prefer not to say"),
        }[self.value]


class Sector(StrEnum):
    GOVERNMENT = "government"
    INTERNATIONAL_ORG = "international_org"
    ACADEMIA_CIVIL_SOCIETY = "academia_civil_society"
    PRIVATE_SECTOR = "private_sector"
    OTHER = "other"

    @property
    def label(self):
        return {
            "government": _l("Government"),
            "international_org": _l("International organisation"),
            "academia_civil_society": _l("Academia and civil society"),
            "private_sector": _l("Private sector"),
            "other": _l("Other"),
        }[self.value]


class AttendanceRole(StrEnum):
    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    MODERATOR = "moderator"
    TRAINER = "trainer"
    ORGANISER = "organiser"

    @property
    def label(self):
        return {
            "participant": _l("Participant"),
            "speaker": _l("Speaker"),
            "moderator": _l("Moderator"),
            "trainer": _l("Trainer"),
            "organiser": _l("Organiser"),
        }[self.value]


class AttendanceMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"

    @property
    def label(self):
        return {"in_person": _l("In person"), "online": _l("Online")}[self.value]


class Person(VersionedMixin, TimestampMixin, db.Model):
    """One person across every event and dialogue. Names and e-mail are personal data."""

    __tablename__ = "people"
    __table_args__ = (
        #: the people list's default order (participants.queries.PEOPLE_SORTING), read in order rather than sorted
        sa.Index(
            "ix_people_name_order", sa.func.lower(sa.column("last_name")), sa.func.lower(sa.column("first_name")), "id"
        ),
    )
    #: what identifies a person: erasure empties these (the name becomes a placeholder) and scrubs them from the
    #: audit trail; gender, sector and country stay for the figures
    PERSONAL_FIELDS = (
        "first_name",
        "last_name",
        "email",
        "organisation_id",
        "organisation_name",
        "language",
        "consent_recorded_at",
        "consent_recorded_by_id",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    first_name: Mapped[str] = mapped_column(sa.String(120))
    last_name: Mapped[str] = mapped_column(sa.String(120))
    gender: Mapped[Gender] = mapped_column(sa.Enum(Gender, native_enum=False, length=20))
    #: stored as typed; compared case-insensitively through email_key
    email: Mapped[str | None] = mapped_column(sa.String(254))
    email_key: Mapped[str | None] = mapped_column(sa.String(254), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id"), index=True)
    #: organisation as written when it is not in the partner register
    organisation_name: Mapped[str | None] = mapped_column(sa.String(255))
    sector: Mapped[Sector] = mapped_column(sa.Enum(Sector, native_enum=False, length=30))
    country: Mapped[str | None] = Country()
    #: language for certificates and correspondence (en, fr, ru)
    language: Mapped[str | None] = mapped_column(sa.String(5))
    consent: Mapped[bool] = mapped_column(default=False)
    consent_recorded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    consent_recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: set when the person's identifying data was erased; gender, sector and country stay for the figures
    erased_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    organisation: Mapped[Partner | None] = relationship()
    consent_recorded_by = relationship("User")
    attendances: Mapped[list["Attendance"]] = relationship(back_populates="person", cascade="all, delete-orphan")
    alternative_emails: Mapped[list["PersonEmail"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonEmail.id"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def organisation_label(self) -> str:
        return self.organisation.display_name if self.organisation else (self.organisation_name or "")


def email_key(email: str | None) -> str | None:
    """What makes two e-mail addresses one: case and surrounding spaces do not count."""
    return email.strip().lower() if email and email.strip() else None


@sa.event.listens_for(Person.email, "set", retval=True)
def _email_key(person, value, old, initiator):
    person.email_key = email_key(value)
    return value.strip() if value else value


class PersonEmail(db.Model):
    """Another address of a person (the one not kept when two records were merged): imports still match it."""

    __tablename__ = "person_emails"
    __table_args__ = (sa.UniqueConstraint("person_id", "email_key"),)
    #: personal data; the merge's own entry records the address, and erasure deletes it with no trace left
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"))
    #: stored as typed; compared case-insensitively through email_key
    email: Mapped[str] = mapped_column(sa.String(254))
    email_key: Mapped[str] = mapped_column(sa.String(254), index=True)

    person: Mapped[Person] = relationship(back_populates="alternative_emails")


@sa.event.listens_for(PersonEmail.email, "set", retval=True)
def _alternative_email_key(address, value, old, initiator):
    address.email_key = email_key(value)
    return value.strip()


class DistinctPeople(db.Model):
    """Two records an officer said are not the same person: the duplicates review no longer offers them."""

    __tablename__ = "distinct_people"
    #: the lower id first, so that a pair is one row whichever way it was recorded
    __table_args__ = (
        sa.UniqueConstraint("first_id", "second_id"),
        sa.CheckConstraint("first_id < second_id", name="ordered"),
    )
    #: records who said so and when itself; ids only, nothing personal
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    first_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Attendance(VersionedMixin, db.Model):
    __tablename__ = "attendances"
    __table_args__ = (sa.UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[AttendanceRole] = mapped_column(
        sa.Enum(AttendanceRole, native_enum=False, length=20), default=AttendanceRole.PARTICIPANT
    )
    mode: Mapped[AttendanceMode | None] = mapped_column(sa.Enum(AttendanceMode, native_enum=False, length=20))
    attended: Mapped[bool] = mapped_column(default=False)
    #: random, given when the first certificate is issued and kept for every reissue; the public verification page
    #: is addressed by it
    certificate_number: Mapped[str | None] = mapped_column(sa.String(20), unique=True)

    event: Mapped[Event] = relationship(back_populates="attendances")
    person: Mapped[Person] = relationship(back_populates="attendances")


class RegistrationUpload(db.Model):
    """A registration list between its upload and its import into an event; deleted once imported."""

    __tablename__ = "registration_uploads"
    #: a scratch copy of a list of names: kept out of the audit log, which records the imported rows instead
    __audited__ = False

    id: Mapped[int] = mapped_column(primary_key=True)
    #: random and unguessable: the import pages are addressed by it
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(sa.String(255))
    #: JSON object: the file's header and rows ([row number, cells]) as read once on upload
    table: Mapped[str] = mapped_column(sa.Text)
    #: JSON object: field name -> index of the file's column
    mapping: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    event: Mapped[Event] = relationship()
