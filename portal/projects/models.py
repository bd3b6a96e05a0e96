from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Currency, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.i18n import TitledInLanguages
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

#: projects mapped to the action-plan priorities of the dialogue they support
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
    dialogue_id: Mapped[int | None] = mapped_column(sa.ForeignKey("dialogues.id"))
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: whether the IATI file an admin publishes holds the project (exchange.iati)
    iati_published: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    region: Mapped[Region] = relationship()
    duty_station: Mapped[DutyStation | None] = relationship()
    dialogue = relationship("Dialogue", back_populates="projects")
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

    @property
    def countries(self) -> list[str]:
        return [row.country for row in self.country_rows]

    @countries.setter
    def countries(self, codes) -> None:
        wanted = list(dict.fromkeys(c.upper() for c in codes if c))
        keep = [row for row in self.country_rows if row.country in wanted]
        have = {row.country for row in keep}
        self.country_rows = keep + [ProjectCountry(country=c) for c in wanted if c not in have]

    def __repr__(self):
        return f"<Project {self.code}>"
