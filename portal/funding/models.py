from datetime import date
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Currency, Money, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner
from portal.projects.models import Project


class Contribution(VersionedMixin, TimestampMixin, db.Model):
    """A donor's signed contribution to a project; converted at the rate of its signing year."""

    __tablename__ = "contributions"
    __table_args__ = (sa.CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    donor_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id"), index=True)
    amount: Mapped[Decimal] = Money()
    currency: Mapped[str] = Currency()
    signed_on: Mapped[date]

    project: Mapped[Project] = relationship(back_populates="contributions")
    donor: Mapped[Partner] = relationship()


class Expenditure(VersionedMixin, TimestampMixin, db.Model):
    """What a project spent in a year."""

    __tablename__ = "expenditures"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "year"),
        sa.CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(index=True)
    amount: Mapped[Decimal] = Money()
    currency: Mapped[str] = Currency()

    project: Mapped[Project] = relationship(back_populates="expenditures")


class RevenueType(StrEnum):
    MEMBERSHIP = "membership"
    OPERATIONAL = "operational"
    OTHER = "other"

    @property
    def label(self):
        return {
            "membership": _l("Membership contributions"),
            "operational": _l("Operational contributions"),
            "other": _l("Other revenue"),
        }[self.value]


class Revenue(VersionedMixin, TimestampMixin, db.Model):
    """Revenue that is not project expenditure: membership, operational and other contributions."""

    __tablename__ = "revenues"
    __table_args__ = (sa.CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    year: Mapped[int] = mapped_column(index=True)
    type: Mapped[RevenueType] = mapped_column(sa.Enum(RevenueType, native_enum=False, length=20))
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id"))
    amount: Mapped[Decimal] = Money()
    currency: Mapped[str] = Currency()

    partner: Mapped[Partner | None] = relationship()
