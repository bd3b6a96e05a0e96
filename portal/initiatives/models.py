"""The initiative register of an action plan (the JVAP database): initiatives by any actor, collected in cycles and
reviewed before they count."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Currency, Money, TimestampMixin, VersionedMixin
from portal.dialogues.models import ActionPlan, ActionPlanPriority, ref_default
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner


class InitiativeStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"

    @property
    def label(self):
        return {"planned": _l("Planned"), "ongoing": _l("Ongoing"), "completed": _l("Completed")}[self.value]


class Review(StrEnum):
    SUBMITTED = "submitted"
    VALIDATED = "validated"
    RETURNED = "returned"

    @property
    def label(self):
        return {"submitted": _l("Submitted"), "validated": _l("Validated"), "returned": _l("Returned")}[self.value]


initiative_priorities = sa.Table(
    "initiative_priorities",
    db.metadata,
    sa.Column("initiative_id", sa.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("priority_id", sa.ForeignKey("action_plan_priorities.id", ondelete="CASCADE"), primary_key=True),
)


class CollectionCycle(VersionedMixin, db.Model):
    """A round of data collection for an action plan's register; initiatives are submitted while it is open."""

    __tablename__ = "collection_cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the cycle's identity in the portfolio workbook
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=ref_default("CYC-"))
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    is_open: Mapped[bool] = mapped_column(default=True)

    plan: Mapped[ActionPlan] = relationship()


class InitiativeCountry(db.Model):
    __tablename__ = "initiative_countries"

    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)


class Initiative(VersionedMixin, TimestampMixin, db.Model):
    """An initiative of any actor (government, agency, NGO, donor) under an action plan, submitted in a cycle."""

    __tablename__ = "initiatives"
    __table_args__ = (
        sa.CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_in_order"),
        sa.CheckConstraint("budget IS NULL OR currency IS NOT NULL", name="budget_has_currency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the initiative's identity in the portfolio workbook
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=ref_default("INI-"))
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("collection_cycles.id"), index=True)
    #: who carries the initiative out, from the partner register
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    budget: Mapped[Decimal | None] = Money(nullable=True)
    currency: Mapped[str | None] = Currency(nullable=True)
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    status: Mapped[InitiativeStatus] = mapped_column(sa.Enum(InitiativeStatus, native_enum=False, length=20))
    #: where the information comes from: a document, a web address
    source: Mapped[str | None] = mapped_column(sa.Text)
    review: Mapped[Review] = mapped_column(
        sa.Enum(Review, native_enum=False, length=20), default=Review.SUBMITTED, index=True
    )
    return_reason: Mapped[str | None] = mapped_column(sa.Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    plan: Mapped[ActionPlan] = relationship()
    cycle: Mapped[CollectionCycle] = relationship()
    actor: Mapped[Partner] = relationship()
    reviewed_by = relationship("User")
    priorities: Mapped[list[ActionPlanPriority]] = relationship(
        secondary=initiative_priorities, order_by=ActionPlanPriority.id
    )
    country_rows: Mapped[list[InitiativeCountry]] = relationship(
        cascade="all, delete-orphan", order_by=InitiativeCountry.country
    )

    @property
    def countries(self) -> list[str]:
        return [row.country for row in self.country_rows]

    @countries.setter
    def countries(self, codes) -> None:
        wanted = list(dict.fromkeys(c.upper() for c in codes if c))
        keep = [row for row in self.country_rows if row.country in wanted]
        have = {row.country for row in keep}
        self.country_rows = keep + [InitiativeCountry(country=c) for c in wanted if c not in have]
