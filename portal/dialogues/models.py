from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Country, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.i18n import in_reader_language
from portal.partners.models import Partner
from portal.projects.models import Project, project_priorities
from portal.reference.models import Region


class DialogueMember(db.Model):
    __tablename__ = "dialogue_members"

    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogues.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)


#: which dialogues an action plan serves: one plan may be shared (the JVAP by the Rabat and Khartoum Processes)
action_plan_dialogues = sa.Table(
    "action_plan_dialogues",
    db.metadata,
    sa.Column("plan_id", sa.ForeignKey("action_plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("dialogue_id", sa.ForeignKey("dialogues.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Dialogue(VersionedMixin, TimestampMixin, db.Model):
    """A regional migration dialogue (Budapest Process, Rabat Process ...) the organisation supports."""

    __tablename__ = "dialogues"
    #: one dialogue per code whatever its case (dialogues.rules.code_problems)
    __table_args__ = (sa.Index("uq_dialogues_lower_code", sa.func.lower(sa.column("code")), unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    #: the name and description in French and Russian, where written (portal.i18n.in_reader_language)
    name_fr: Mapped[str | None] = mapped_column(sa.String(255))
    name_ru: Mapped[str | None] = mapped_column(sa.String(255))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))
    region_id: Mapped[int | None] = mapped_column(sa.ForeignKey("regions.id"))
    #: the partner organisation that runs the dialogue's secretariat
    secretariat_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id"))
    started_on: Mapped[date | None]
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_fr: Mapped[str | None] = mapped_column(sa.Text)
    description_ru: Mapped[str | None] = mapped_column(sa.Text)

    region: Mapped[Region | None] = relationship()
    secretariat: Mapped[Partner | None] = relationship()
    member_rows: Mapped[list[DialogueMember]] = relationship(
        cascade="all, delete-orphan", order_by=DialogueMember.country
    )
    chairmanships: Mapped[list["Chairmanship"]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by="Chairmanship.start_date"
    )
    plans: Mapped[list["ActionPlan"]] = relationship(
        secondary=action_plan_dialogues, back_populates="dialogues", order_by="ActionPlan.id"
    )
    projects: Mapped[list[Project]] = relationship(back_populates="dialogue", order_by=Project.code)

    @property
    def display_name(self) -> str:
        return in_reader_language(self, "name")

    @property
    def display_description(self) -> str:
        return in_reader_language(self, "description")

    @property
    def domains(self) -> list["ActionPlanDomain"]:
        """The domains of all the dialogue's action plans, plan by plan."""
        return [domain for plan in self.plans for domain in plan.domains]

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


class ActionPlan(VersionedMixin, db.Model):
    """An action plan of one or more dialogues for a period, e.g. the Joint Valletta Action Plan."""

    __tablename__ = "action_plans"
    __table_args__ = (
        sa.CheckConstraint("valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from", name="in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(255))
    #: first and last day of validity; None: open at that end
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]

    dialogues: Mapped[list[Dialogue]] = relationship(
        secondary=action_plan_dialogues, back_populates="plans", order_by=Dialogue.code
    )
    domains: Mapped[list["ActionPlanDomain"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ActionPlanDomain.position"
    )

    def is_expired(self, day: date) -> bool:
        return self.valid_until is not None and self.valid_until < day

    def is_current(self, day: date) -> bool:
        return not self.is_expired(day) and (self.valid_from is None or self.valid_from <= day)


class ActionPlanDomain(VersionedMixin, db.Model):
    """A domain (pillar) of an action plan, e.g. the five JVAP domains."""

    __tablename__ = "action_plan_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(500))

    plan: Mapped[ActionPlan] = relationship(back_populates="domains")
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
    #: the country that champions the priority, if one does
    champion: Mapped[str | None] = Country()

    domain: Mapped[ActionPlanDomain] = relationship(back_populates="priorities")
    projects: Mapped[list[Project]] = relationship(secondary=project_priorities, back_populates="priorities")


#: the exclusion constraint compares dialogue ids with = in a GiST index
sa.event.listen(
    Chairmanship.__table__,
    "before_create",
    sa.DDL("CREATE EXTENSION IF NOT EXISTS btree_gist").execute_if(dialect="postgresql"),
)
