import re
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import TimestampMixin, VersionedMixin, utcnow
from portal.extensions import db
from portal.i18n import in_reader_language
from portal.i18n import lazy_gettext as _l


class ReferenceKind(StrEnum):
    THEMATIC_AREA = "thematic_area"
    GCM_OBJECTIVE = "gcm_objective"
    GUIDING_PRINCIPLE = "guiding_principle"
    BUDGET_CATEGORY = "budget_category"
    MARKER_LEVEL = "marker_level"
    UN_ORGANISATION = "un_organisation"
    SDG_TARGET = "sdg_target"
    HUMAN_RIGHTS_LEVEL = "human_rights_level"
    #: one GCM objective belonging to one thematic area, coded "<area>/<objective>", e.g. "1/17"
    AREA_OBJECTIVES = "area_objectives"
    #: code: a narrative section's key; title: the fund's guidance shown beside its editor
    SECTION_GUIDANCE = "section_guidance"

    @property
    def label(self):
        return REFERENCE_KIND_LABELS[self]


REFERENCE_KIND_LABELS = {
    ReferenceKind.THEMATIC_AREA: _l("Thematic areas"),
    ReferenceKind.GCM_OBJECTIVE: _l("GCM objectives"),
    ReferenceKind.GUIDING_PRINCIPLE: _l("GCM guiding principles"),
    ReferenceKind.BUDGET_CATEGORY: _l("Budget categories"),
    ReferenceKind.MARKER_LEVEL: _l("Marker scale"),
    ReferenceKind.UN_ORGANISATION: _l("Participating UN organisations"),
    ReferenceKind.SDG_TARGET: _l("SDG targets"),
    ReferenceKind.HUMAN_RIGHTS_LEVEL: _l("Human rights marker scale"),
    ReferenceKind.AREA_OBJECTIVES: _l("GCM objectives of each thematic area"),
    ReferenceKind.SECTION_GUIDANCE: _l("Guidance on each section"),
}


class NoteStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ENDORSED = "endorsed"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    NoteStatus.DRAFT: _l("Draft"),
    NoteStatus.SUBMITTED: _l("Submitted"),
    NoteStatus.RETURNED: _l("Returned"),
    NoteStatus.ENDORSED: _l("Endorsed"),
}
#: states in which the owner and collaborators may change the note
EDITABLE = frozenset({NoteStatus.DRAFT, NoteStatus.RETURNED})


class Scope(StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"
    GLOBAL = "global"

    @property
    def label(self):
        return SCOPE_LABELS[self]


SCOPE_LABELS = {Scope.NATIONAL: _l("National"), Scope.REGIONAL: _l("Regional"), Scope.GLOBAL: _l("Global")}


class Level(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self):
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.LOW: _l("Low"), Level.MEDIUM: _l("Medium"), Level.HIGH: _l("High")}


class PartnerKind(StrEnum):
    NATIONAL_GOVERNMENT = "national_government"
    LOCAL_GOVERNMENT = "local_government"
    CIVIL_SOCIETY = "civil_society"
    MIGRANT_ORGANISATION = "migrant_organisation"
    ACADEMIA = "academia"
    PRIVATE_SECTOR = "private_sector"
    OTHER = "other"

    @property
    def label(self):
        return PARTNER_KIND_LABELS[self]


PARTNER_KIND_LABELS = {
    PartnerKind.NATIONAL_GOVERNMENT: _l("National government entity"),
    PartnerKind.LOCAL_GOVERNMENT: _l("Local government"),
    PartnerKind.CIVIL_SOCIETY: _l("Civil society organisation"),
    PartnerKind.MIGRANT_ORGANISATION: _l("Migrant or diaspora organisation"),
    PartnerKind.ACADEMIA: _l("Academia"),
    PartnerKind.PRIVATE_SECTOR: _l("Private sector"),
    PartnerKind.OTHER: _l("Other"),
}
#: partners that count as government entities for the whole-of-government rule
GOVERNMENT_KINDS = frozenset({PartnerKind.NATIONAL_GOVERNMENT, PartnerKind.LOCAL_GOVERNMENT})
#: partners that bring civil society or migrants in, for the whole-of-society rule
SOCIETY_KINDS = frozenset({PartnerKind.CIVIL_SOCIETY, PartnerKind.MIGRANT_ORGANISATION})

DISAGGREGATIONS = {"sex": _l("Sex"), "age": _l("Age"), "migration_status": _l("Migration status")}


class ReferenceItem(VersionedMixin, db.Model):
    """One entry of a concept-note reference list (thematic area, GCM objective, UN organisation...)."""

    __tablename__ = "concept_note_reference_items"
    __table_args__ = (sa.UniqueConstraint("kind", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReferenceKind] = mapped_column(sa.Enum(ReferenceKind, native_enum=False, length=30))
    #: stable key stored on notes: "1".."23" for objectives, "IOM" for organisations
    code: Mapped[str] = mapped_column(sa.String(40))
    #: short label, e.g. "Data" or the organisation's acronym
    label: Mapped[str] = mapped_column(sa.String(200))
    #: full title, e.g. the objective's text in A/RES/73/195
    title: Mapped[str] = mapped_column(sa.Text, default="")
    #: French and Russian versions of label and title; None when not written (the English is shown instead)
    label_fr: Mapped[str | None] = mapped_column(sa.String(200))
    label_ru: Mapped[str | None] = mapped_column(sa.String(200))
    title_fr: Mapped[str | None] = mapped_column(sa.Text)
    title_ru: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    @property
    def display_label(self) -> str:
        return in_reader_language(self, "label")

    @property
    def display_title(self) -> str:
        return in_reader_language(self, "title")


class ConceptNote(VersionedMixin, TimestampMixin, db.Model):
    __tablename__ = "concept_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    status: Mapped[NoteStatus] = mapped_column(
        sa.Enum(NoteStatus, native_enum=False, length=20), default=NoteStatus.DRAFT
    )
    #: language of the PDF: en, fr or ru
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    title: Mapped[str] = mapped_column(sa.String(300), default="")
    scope: Mapped[Scope | None] = mapped_column(sa.Enum(Scope, native_enum=False, length=20))
    #: ISO codes of the countries in scope
    countries: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: codes of participating UN organisations (ReferenceItem un_organisation)
    organisations: Mapped[list] = mapped_column(sa.JSON, default=list)
    lead_organisation: Mapped[str | None] = mapped_column(sa.String(40))
    #: the partners' names, one per line, as `partners` gives them (kept for search and older readers)
    implementing_partners: Mapped[str] = mapped_column(sa.Text, default="")
    #: [{"name": ..., "kind": PartnerKind value}], in the order typed
    partners: Mapped[list] = mapped_column(sa.JSON, default=list)
    thematic_area: Mapped[str | None] = mapped_column(sa.String(40))
    gcm_objectives: Mapped[list] = mapped_column(sa.JSON, default=list)
    guiding_principles: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: guiding principle code -> how the programme applies it
    principle_applications: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: codes of the SDG targets (ReferenceItem sdg_target) the programme contributes to
    sdg_targets: Mapped[list] = mapped_column(sa.JSON, default=list)
    duration_months: Mapped[int | None]
    planned_start_on: Mapped[date | None]
    gender_marker: Mapped[int | None]
    gender_justification: Mapped[str] = mapped_column(sa.Text, default="")
    #: on the fund's own human rights scale (ReferenceItem human_rights_level, 0 to 2), not the gender scale
    human_rights_marker: Mapped[int | None]
    human_rights_justification: Mapped[str] = mapped_column(sa.Text, default="")
    child_marker: Mapped[int | None]
    child_justification: Mapped[str] = mapped_column(sa.Text, default="")
    #: percentage of the budget spent on gender equality and women's empowerment (gender marker guidance)
    gender_budget_percent: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    #: [{"country": ISO code, "by": who endorsed (name, office), "on": ISO date}], one per endorsing government
    government_endorsements: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: the UN Resident Coordinator who endorsed the note, and when
    rc_endorsed_by: Mapped[str] = mapped_column(sa.String(200), default="")
    rc_endorsed_on: Mapped[date | None]
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="")
    contact_organisation: Mapped[str] = mapped_column(sa.String(200), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    #: the note this one was copied from
    copied_from_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="SET NULL"))

    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    sections: Mapped[list["NoteSection"]] = relationship(back_populates="note", cascade="all, delete-orphan")
    collaborators: Mapped[list["Collaborator"]] = relationship(back_populates="note", cascade="all, delete-orphan")
    invitations: Mapped[list["Invitation"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Invitation.id"
    )
    outcomes: Mapped[list["Outcome"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Outcome.position, Outcome.id"
    )
    outputs: Mapped[list["Output"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Output.position, Output.id"
    )
    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Indicator.position, Indicator.id"
    )
    risks: Mapped[list["Risk"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Risk.position, Risk.id"
    )
    budget_lines: Mapped[list["BudgetLine"]] = relationship(back_populates="note", cascade="all, delete-orphan")
    budget_allocations: Mapped[list["BudgetAllocation"]] = relationship(
        back_populates="note", cascade="all, delete-orphan"
    )
    submissions: Mapped[list["Submission"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="Submission.number"
    )
    comments: Mapped[list["ReviewComment"]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="ReviewComment.created_at, ReviewComment.id"
    )

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    def section_text(self, key: str) -> str:
        for section in self.sections:
            if section.key == key:
                return section.body
        return ""

    def team_ids(self) -> set[int]:
        return {self.owner_id, *(c.user_id for c in self.collaborators)}

    @property
    def typed_partners(self) -> list[tuple[str, "PartnerKind | None"]]:
        """(name, kind) of each implementing partner; kind None while the team has not said."""
        kinds = {kind.value: kind for kind in PartnerKind}
        return [(partner["name"], kinds.get(partner.get("kind"))) for partner in self.partners or []]

    @property
    def endorsements(self) -> list[tuple[str | None, str, date | None]]:
        """(country, who, when) of each government endorsement."""
        return [
            (e.get("country"), e.get("by") or "", date.fromisoformat(e["on"]) if e.get("on") else None)
            for e in self.government_endorsements or []
        ]


#: the cover information: what the cover form edits, a copy takes over and a submission's snapshot records
COVER_FIELDS = (
    "title",
    "language",
    "scope",
    "countries",
    "organisations",
    "lead_organisation",
    "implementing_partners",
    "thematic_area",
    "gcm_objectives",
    "guiding_principles",
    "principle_applications",
    "sdg_targets",
    "duration_months",
    "planned_start_on",
    "gender_marker",
    "gender_justification",
    "human_rights_marker",
    "human_rights_justification",
    "child_marker",
    "child_justification",
    "gender_budget_percent",
    "partners",
    "government_endorsements",
    "rc_endorsed_by",
    "rc_endorsed_on",
    "contact_name",
    "contact_organisation",
    "contact_email",
)


class NoteSection(VersionedMixin, db.Model):
    """The Markdown text of one narrative section (kept apart so collaborators' autosaves do not collide)."""

    __tablename__ = "concept_note_sections"
    __table_args__ = (sa.UniqueConstraint("note_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(40))
    #: sanitised-on-render Markdown source
    body: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    note: Mapped[ConceptNote] = relationship(back_populates="sections")


class Invitation(db.Model):
    """An invitation to work on a note, addressed to an e-mail address: whoever signs in with an applicant account
    of that address may accept it. The owner sees the same whether or not such an account exists."""

    __tablename__ = "concept_note_invitations"
    __table_args__ = (sa.UniqueConstraint("note_id", "email_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(sa.String(254))
    #: the address lower-cased, to find the invitations of an account
    email_key: Mapped[str] = mapped_column(sa.String(254), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    note: Mapped[ConceptNote] = relationship(back_populates="invitations")

    @staticmethod
    def key_of(email: str) -> str:
        return email.strip().lower()


class Collaborator(db.Model):
    __tablename__ = "concept_note_collaborators"
    __table_args__ = (sa.UniqueConstraint("note_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    note: Mapped[ConceptNote] = relationship(back_populates="collaborators")
    user: Mapped[User] = relationship()


class Outcome(VersionedMixin, db.Model):
    __tablename__ = "concept_note_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    statement: Mapped[str] = mapped_column(sa.Text)

    note: Mapped[ConceptNote] = relationship(back_populates="outcomes")

    @property
    def display_statement(self) -> str:
        """The statement without the "Outcome 1:" a writer may have typed before it: the tables number outcomes."""
        return OUTCOME_PREFIX.sub("", self.statement, count=1)


#: "Outcome 1:", "Outcome 2 -", "Résultat 1 :", "Effet 1.", "Итог 1:" typed at the start of an outcome's statement
OUTCOME_PREFIX = re.compile(r"^\s*(?:outcome|résultat|effet|итог|результат)\s*\d+\s*[:.\-–—]\s*", re.IGNORECASE)


class Output(VersionedMixin, db.Model):
    __tablename__ = "concept_note_outputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    #: empty while the output is not yet placed under an outcome (which blocks submission)
    outcome_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concept_note_outcomes.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    statement: Mapped[str] = mapped_column(sa.Text)

    note: Mapped[ConceptNote] = relationship(back_populates="outputs")
    outcome: Mapped[Outcome | None] = relationship()


class Indicator(VersionedMixin, db.Model):
    __tablename__ = "concept_note_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    output_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concept_note_outputs.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(sa.Text)
    baseline: Mapped[str] = mapped_column(sa.Text, default="")
    target: Mapped[str] = mapped_column(sa.Text, default="")
    means_of_verification: Mapped[str] = mapped_column(sa.Text, default="")
    #: code of the responsible participating UN organisation
    responsible_organisation: Mapped[str | None] = mapped_column(sa.String(40))
    #: subset of DISAGGREGATIONS keys
    disaggregation: Mapped[list] = mapped_column(sa.JSON, default=list)

    note: Mapped[ConceptNote] = relationship(back_populates="indicators")
    output: Mapped[Output | None] = relationship()


class Risk(VersionedMixin, db.Model):
    __tablename__ = "concept_note_risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(sa.Text)
    likelihood: Mapped[Level] = mapped_column(sa.Enum(Level, native_enum=False, length=10))
    impact: Mapped[Level] = mapped_column(sa.Enum(Level, native_enum=False, length=10))
    mitigation: Mapped[str] = mapped_column(sa.Text, default="")

    note: Mapped[ConceptNote] = relationship(back_populates="risks")


class BudgetLine(VersionedMixin, db.Model):
    """The amount one organisation requests under one UNSDG category (1 to 7); line 8 is never stored."""

    __tablename__ = "concept_note_budget_lines"
    __table_args__ = (sa.UniqueConstraint("note_id", "organisation", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    organisation: Mapped[str] = mapped_column(sa.String(40))
    category: Mapped[str] = mapped_column(sa.String(40))
    #: USD
    amount: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))

    note: Mapped[ConceptNote] = relationship(back_populates="budget_lines")


class BudgetAllocation(VersionedMixin, db.Model):
    """The direct costs (lines 1 to 7) one outcome needs in one programme year: the budget by outcome and by year."""

    __tablename__ = "concept_note_budget_allocations"
    __table_args__ = (sa.UniqueConstraint("note_id", "outcome_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    outcome_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_note_outcomes.id", ondelete="CASCADE"))
    #: programme year, 1 for the first twelve months
    year: Mapped[int]
    #: USD
    amount: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))

    note: Mapped[ConceptNote] = relationship(back_populates="budget_allocations")
    outcome: Mapped[Outcome] = relationship()


class Submission(db.Model):
    """An immutable snapshot of the whole note as it was submitted, and the review decision on it."""

    __tablename__ = "concept_note_submissions"
    __table_args__ = (sa.UniqueConstraint("note_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    number: Mapped[int]
    submitted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    submitted_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
    #: returned or endorsed, once a reviewer decided
    decision: Mapped[NoteStatus | None] = mapped_column(sa.Enum(NoteStatus, native_enum=False, length=20))
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    note: Mapped[ConceptNote] = relationship(back_populates="submissions")
    submitted_by: Mapped[User] = relationship(foreign_keys=[submitted_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class ReviewComment(db.Model):
    __tablename__ = "concept_note_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(sa.ForeignKey("concept_notes.id", ondelete="CASCADE"))
    submission_id: Mapped[int | None] = mapped_column(sa.ForeignKey("concept_note_submissions.id", ondelete="CASCADE"))
    #: a narrative section key, "cover", "results", "risks", "budget" or "general"
    section: Mapped[str] = mapped_column(sa.String(40))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    note: Mapped[ConceptNote] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()
    submission: Mapped[Submission | None] = relationship()
