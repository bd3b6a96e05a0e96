import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import TimestampMixin, VersionedMixin
from portal.extensions import db


class OrganisationProfile(VersionedMixin, TimestampMixin, db.Model):
    """Who hands out the certificates: the organisation's name and logo, and who signs for it. One row at most."""

    __tablename__ = "organisation_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(sa.String(255))
    #: file name of the logo in the instance folder's organisation/ directory (a name the portal generated)
    logo: Mapped[str | None] = mapped_column(sa.String(80))
    signatory_name: Mapped[str | None] = mapped_column(sa.String(200))
    signatory_title: Mapped[str | None] = mapped_column(sa.String(200))
    #: file name of the signature image, as for the logo
    signature: Mapped[str | None] = mapped_column(sa.String(80))


class OrganisationYear(VersionedMixin, TimestampMixin, db.Model):
    """The organisation's own facts for a year, as its annual report gives them; a fact not entered stays empty."""

    __tablename__ = "organisation_years"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(sa.Integer, unique=True)
    #: staff at the end of the year
    employees: Mapped[int | None] = mapped_column(sa.Integer)
    #: distinct nationalities among those staff
    nationalities: Mapped[int | None] = mapped_column(sa.Integer)


class MemberState(VersionedMixin, TimestampMixin, db.Model):
    """A state of the organisation's membership: a member from the year it joined until the year it left."""

    __tablename__ = "member_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: ISO 3166-1 alpha-2, upper case
    country: Mapped[str] = mapped_column(sa.String(2), unique=True)
    joined_year: Mapped[int] = mapped_column(sa.Integer)
    left_year: Mapped[int | None] = mapped_column(sa.Integer)
