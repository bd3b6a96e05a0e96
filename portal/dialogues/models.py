from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Country, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.partners.models import Partner
from portal.projects.models import Project, project_priorities
from portal.reference.models import Region


class DialogueMember(db.Model):
    __tablename__ = "dialogue_members"

    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogues.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)


class Dialogue(VersionedMixin, TimestampMixin, db.Model):
    """A regional migration dialogue (Budapest Process, Rabat Process ...) the organisation supports."""

    __tablename__ = "dialogues"
    #: one dialogue per code whatever its case (dialogues.rules.code_problems)
    __table_args__ = (sa.Index("uq_dialogues_lower_code", sa.func.lower(sa.column("code")), unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    #: the partner organisation that runs the dialogue's secretariat
    secretariat_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id"))
    started_on: Mapped[date | None]
    description: Mapped[str | None] = mapped_column(sa.Text)

    region: Mapped[Region | None] = relationship()
    secretariat: Mapped[Partner | None] = relationship()
    member_rows: Mapped[list[DialogueMember]] = relationship(
        cascade="all, delete-orphan", order_by=DialogueMember.country
    )
    chairmanships: Mapped[list["Chairmanship"]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by="Chairmanship.start_date"
    )
    domains: Mapped[list["ActionPlanDomain"]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by="ActionPlanDomain.position"
    )
    projects: Mapped[list[Project]] = relationship(back_populates="dialogue", order_by=Project.code)

    @property
    def members(self) -> list[str]:
        return [row.country for row in self.member_rows]

    @members.setter
    def members(self, codes) -> None:
        wanted = list(dict.fromkeys(c.upper() for c in codes if c))
        keep = [row for row in self.member_rows if row.country in wanted]
        have = {row.country for row in keep}
        self.member_rows = keep + [DialogueMember(country=c) for c in wanted if c not in have]

    def chair_on(self, day: date) -> "Chairmanship | None":
        for chair in self.chairmanships:
            if chair.start_date <= day and (chair.end_date is None or chair.end_date >= day):
                return chair
        return None


class Chairmanship(VersionedMixin, db.Model):
    """A country chairing a dialogue for a period."""

    __tablename__ = "chairmanships"
    __table_args__ = (
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
        # one chair at a time (dialogues.rules.chairmanship_problems), where the engine can hold it; checked at
        # commit, so that an import may shorten one period and add the next in either order
        ExcludeConstraint(
            (sa.column("dialogue_id"), "="),
            (sa.func.daterange(sa.column("start_date"), sa.column("end_date"), "[]"), "&&"),
            name="ex_chairmanships_one_chair_at_a_time",
            using="gist",
            deferrable=True,
            initially="DEFERRED",
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    country: Mapped[str] = Country(nullable=False)
    start_date: Mapped[date]
    end_date: Mapped[date | None]

    dialogue: Mapped[Dialogue] = relationship(back_populates="chairmanships")


class ActionPlanDomain(VersionedMixin, db.Model):
    """A domain (pillar) of a dialogue's action plan, e.g. the five JVAP domains."""

    __tablename__ = "action_plan_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(500))

    dialogue: Mapped[Dialogue] = relationship(back_populates="domains")
    priorities: Mapped[list["ActionPlanPriority"]] = relationship(
        back_populates="domain", cascade="all, delete-orphan", order_by="ActionPlanPriority.position"
    )


class ActionPlanPriority(VersionedMixin, db.Model):
    __tablename__ = "action_plan_priorities"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plan_domains.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: short code shown in lists, e.g. "1.2"
    code: Mapped[str | None] = mapped_column(sa.String(20))
    title: Mapped[str] = mapped_column(sa.String(500))

    domain: Mapped[ActionPlanDomain] = relationship(back_populates="priorities")
    projects: Mapped[list[Project]] = relationship(secondary=project_priorities, back_populates="priorities")


#: the exclusion constraint compares dialogue ids with = in a GiST index
sa.event.listen(
    Chairmanship.__table__,
    "before_create",
    sa.DDL("CREATE EXTENSION IF NOT EXISTS btree_gist").execute_if(dialect="postgresql"),
)
