from datetime import date
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Currency, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.i18n import TitledInLanguages, in_reader_language
from portal.i18n import lazy_gettext as _l
from portal.reference.models import DutyStation, Region, ThematicArea


class ProjectStatus(StrEnum):
    PIPELINE = "pipeline"
    ACTIVE = "active"
    CLOSED = "closed"

    @property
    def label(self):
        return {"pipeline": _l("Pipeline"), "active": _l("Active"), "closed": _l("Closed")}[self.value]


project_thematic_areas = sa.Table(
    "project_thematic_areas",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("thematic_area_id", sa.ForeignKey("thematic_areas.id", ondelete="CASCADE"), primary_key=True),
)

#: the dialogues a project supports, any number of them
project_dialogues = sa.Table(
    "project_dialogues",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("dialogue_id", sa.ForeignKey("dialogues.id", ondelete="CASCADE"), primary_key=True),
)

#: projects mapped to the action-plan priorities of the dialogues they support (projects.rules.priority_problems)
project_priorities = sa.Table(
    "project_priorities",
    db.metadata,
    sa.Column("project_id", sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("priority_id", sa.ForeignKey("action_plan_priorities.id", ondelete="CASCADE"), primary_key=True),
)


class ProjectCountry(db.Model):
    __tablename__ = "project_countries"

    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)


class Project(TitledInLanguages, VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "projects"
    __table_args__ = (
        #: PRJ-1 and prj-1 name one project (projects.rules.code_problems)
        sa.Index("uq_projects_lower_code", sa.func.lower(sa.column("code")), unique=True),
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    acronym: Mapped[str | None] = mapped_column(sa.String(60))
    title: Mapped[str] = mapped_column(sa.String(500))
    #: the title and description in French and Russian, where written (portal.i18n.in_reader_language)
    title_fr: Mapped[str | None] = mapped_column(sa.String(500))
    title_ru: Mapped[str | None] = mapped_column(sa.String(500))
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_fr: Mapped[str | None] = mapped_column(sa.Text)
    description_ru: Mapped[str | None] = mapped_column(sa.Text)
    region_id: Mapped[int] = mapped_column(sa.ForeignKey("regions.id"))
    status: Mapped[ProjectStatus] = mapped_column(sa.Enum(ProjectStatus, native_enum=False, length=20))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    #: the currency the project's budget and expenditure are kept in
    currency: Mapped[str] = Currency()
    duty_station_id: Mapped[int | None] = mapped_column(sa.ForeignKey("duty_stations.id"))
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: whether the IATI file an admin publishes holds the project (exchange.iati)
    iati_published: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    region: Mapped[Region] = relationship()
    duty_station: Mapped[DutyStation | None] = relationship()
    dialogues = relationship(
        "Dialogue", secondary=project_dialogues, back_populates="projects", order_by="Dialogue.code"
    )
    officer = relationship("User")
    thematic_areas: Mapped[list[ThematicArea]] = relationship(
        secondary=project_thematic_areas, order_by=ThematicArea.code
    )
    country_rows: Mapped[list[ProjectCountry]] = relationship(
        cascade="all, delete-orphan", order_by=ProjectCountry.country
    )
    priorities = relationship("ActionPlanPriority", secondary=project_priorities, back_populates="projects")
    contributions = relationship(
        "Contribution", back_populates="project", cascade="all, delete-orphan", order_by="Contribution.signed_on"
    )
    expenditures = relationship(
        "Expenditure", back_populates="project", cascade="all, delete-orphan", order_by="Expenditure.year"
    )
    gcm_rows: Mapped[list["ProjectGcmObjective"]] = relationship(cascade="all, delete-orphan")
    outputs: Mapped[list["ProjectOutput"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="ProjectOutput.number"
    )
    implementers = relationship(
        "ProjectPartner", back_populates="project", cascade="all, delete-orphan", order_by="ProjectPartner.id"
    )
    deliverables = relationship(
        "Deliverable",
        back_populates="project",
        cascade="all, delete-orphan",
        order_by="(Deliverable.due_on, Deliverable.id)",
    )

    @property
    def countries(self) -> list[str]:
        return [row.country for row in self.country_rows]

    @countries.setter
    def countries(self, codes) -> None:
        wanted = list(dict.fromkeys(c.upper() for c in codes if c))
        keep = [row for row in self.country_rows if row.country in wanted]
        have = {row.country for row in keep}
        self.country_rows = keep + [ProjectCountry(country=c) for c in wanted if c not in have]

    @property
    def gcm_objectives(self) -> list[str]:
        """The numbers of the Global Compact's objectives the project works towards, in their order."""
        return sorted((row.code for row in self.gcm_rows), key=int)

    @gcm_objectives.setter
    def gcm_objectives(self, codes) -> None:
        wanted = list(dict.fromkeys(c for c in codes if c))
        keep = [row for row in self.gcm_rows if row.code in wanted]
        have = {row.code for row in keep}
        self.gcm_rows = keep + [ProjectGcmObjective(code=c) for c in wanted if c not in have]

    def __repr__(self):
        return f"<Project {self.code}>"


class ImplementerRole(StrEnum):
    LEAD = "lead"
    CO_IMPLEMENTER = "co_implementer"
    IMPLEMENTING_PARTNER = "implementing_partner"
    ASSOCIATE = "associate"

    @property
    def label(self):
        return {
            "lead": _l("Lead implementer"),
            "co_implementer": _l("Co-implementer"),
            "implementing_partner": _l("Implementing partner"),
            "associate": _l("Associate partner"),
        }[self.value]


class ProjectPartner(VersionedMixin, TimestampMixin, db.Model):
    """A partner that implements a project with us, in one role (projects.rules.implementer_problems)."""

    __tablename__ = "project_partners"
    __table_args__ = (sa.UniqueConstraint("project_id", "partner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"))
    partner_id: Mapped[int] = mapped_column(sa.ForeignKey("partners.id"), index=True)
    role: Mapped[ImplementerRole] = mapped_column(sa.Enum(ImplementerRole, native_enum=False, length=30))

    project: Mapped[Project] = relationship(back_populates="implementers")
    partner = relationship("Partner")


class DeliverableStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"

    @property
    def label(self):
        return {
            "planned": _l("Not started"),
            "in_progress": _l("In progress"),
            "delivered": _l("Delivered"),
            "cancelled": _l("Cancelled"),
        }[self.value]


#: statuses of a deliverable still owed: late once its due date has passed
OWED = (DeliverableStatus.PLANNED, DeliverableStatus.IN_PROGRESS)


class Deliverable(TitledInLanguages, VersionedMixin, TimestampMixin, db.Model):
    """What a project promised to produce (a country report, a template, a handbook), by a due date."""

    __tablename__ = "deliverables"
    __table_args__ = (
        #: a delivery date exactly when delivered (projects.rules.deliverable_problems); enums store their names
        sa.CheckConstraint(
            "(status = 'DELIVERED' AND delivered_on IS NOT NULL) OR (status != 'DELIVERED' AND delivered_on IS NULL)",
            name="delivered_on_when_delivered",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: names the deliverable in the workbook (D-0001 unless given)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    title_fr: Mapped[str | None] = mapped_column(sa.String(500))
    title_ru: Mapped[str | None] = mapped_column(sa.String(500))
    due_on: Mapped[date]
    status: Mapped[DeliverableStatus] = mapped_column(sa.Enum(DeliverableStatus, native_enum=False, length=20))
    delivered_on: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(sa.Text)

    project: Mapped[Project] = relationship(back_populates="deliverables")

    def is_late_on(self, today: date) -> bool:
        """Late: still owed after its due date (derived, never stored)."""
        return self.status in OWED and self.due_on < today

    @property
    def is_late(self) -> bool:
        return self.is_late_on(date.today())


class ProjectGcmObjective(db.Model):
    """An objective of the Global Compact for Migration that a project works towards."""

    __tablename__ = "project_gcm_objectives"

    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    #: the objective's number, "1" to "23" (projects.rules.gcm_objective_problems)
    code: Mapped[str] = mapped_column(sa.String(2), primary_key=True)


#: an indicator's baseline, target and actuals: counts, percentages or amounts, exact
Measure = sa.Numeric(14, 2)


class ProjectOutput(VersionedMixin, TimestampMixin, db.Model):
    """What a project delivers, numbered within the project; its indicators measure it."""

    __tablename__ = "project_outputs"
    __table_args__ = (sa.UniqueConstraint("project_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: names the output in the workbook (OUT-0001 unless given)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(sa.String(500))
    title_fr: Mapped[str | None] = mapped_column(sa.String(500))
    title_ru: Mapped[str | None] = mapped_column(sa.String(500))

    project: Mapped[Project] = relationship(back_populates="outputs")
    indicators: Mapped[list["ProjectIndicator"]] = relationship(
        back_populates="output", cascade="all, delete-orphan", order_by="ProjectIndicator.number"
    )

    @property
    def display_title(self) -> str:
        return in_reader_language(self, "title")


class ProjectIndicator(VersionedMixin, TimestampMixin, db.Model):
    """How an output's achievement is measured: a baseline, a target and an actual value per year."""

    __tablename__ = "project_indicators"
    __table_args__ = (sa.UniqueConstraint("output_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: names the indicator in the workbook (IND-0001 unless given)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    output_id: Mapped[int] = mapped_column(sa.ForeignKey("project_outputs.id", ondelete="CASCADE"), index=True)
    #: the output's project, so that the project's History lists the indicator (audit PARENTS); set by the services
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(sa.String(500))
    text_fr: Mapped[str | None] = mapped_column(sa.String(500))
    text_ru: Mapped[str | None] = mapped_column(sa.String(500))
    #: what the values count, e.g. "countries" or "%"
    unit: Mapped[str | None] = mapped_column(sa.String(60))
    baseline: Mapped[Decimal | None] = mapped_column(Measure)
    target: Mapped[Decimal | None] = mapped_column(Measure)

    output: Mapped[ProjectOutput] = relationship(back_populates="indicators")
    results: Mapped[list["IndicatorResult"]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorResult.year"
    )

    @property
    def display_text(self) -> str:
        return in_reader_language(self, "text")

    @property
    def latest(self) -> "IndicatorResult | None":
        """The actual value of the latest year recorded."""
        return self.results[-1] if self.results else None

    @property
    def progress(self) -> Decimal | None:
        """How far the latest actual has gone from the baseline (0 when none) towards the target, in whole percent:
        a share of women rising from 18 % to 23.5 % on the way to 30 % is 46 %, and a fall in the number of
        detentions from 50 to 40 on the way to 20 is 33 %. None without an actual value, or a target apart from the
        baseline."""
        latest = self.latest
        start = self.baseline or Decimal(0)
        if latest is None or self.target is None or self.target == start:
            return None
        return ((latest.actual - start) * 100 / (self.target - start)).quantize(Decimal(1))


class IndicatorResult(VersionedMixin, TimestampMixin, db.Model):
    """An indicator's actual value in one year of its project."""

    __tablename__ = "indicator_results"
    __table_args__ = (sa.UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("project_indicators.id", ondelete="CASCADE"), index=True)
    #: the indicator's project, so that the project's History lists the result (audit PARENTS); set by the services
    project_id: Mapped[int] = mapped_column(sa.ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    actual: Mapped[Decimal] = mapped_column(Measure)
    comment: Mapped[str | None] = mapped_column(sa.String(500))

    indicator: Mapped[ProjectIndicator] = relationship(back_populates="results")
