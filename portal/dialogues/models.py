import secrets
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Country, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.i18n import country_name, in_reader_language
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner
from portal.projects.models import Project, project_dialogues, project_priorities
from portal.reference.models import Region


def ref_default(prefix: str):
    """A unique reference for a record created without one (the services number theirs: portal.reference.services)."""
    return lambda: f"{prefix}{secrets.token_hex(4).upper()}"


class MemberStatus(StrEnum):
    """How a state or an organisation takes part in a dialogue; only a state is a focus country."""

    MEMBER = "member"
    OBSERVER = "observer"
    FOCUS_COUNTRY = "focus_country"

    @property
    def label(self):
        return {"member": _l("Member"), "observer": _l("Observer"), "focus_country": _l("Focus country")}[self.value]


class GroupKind(StrEnum):
    STEERING_COMMITTEE = "steering_committee"
    REFERENCE_GROUP = "reference_group"
    WORKING_GROUP = "working_group"
    OTHER = "other"

    @property
    def label(self):
        return {
            "steering_committee": _l("Steering committee"),
            "reference_group": _l("Reference group"),
            "working_group": _l("Working group"),
            "other": _l("Other group"),
        }[self.value]


class GroupRole(StrEnum):
    MEMBER = "member"
    CHAIR = "chair"
    CO_CHAIR = "co_chair"

    @property
    def label(self):
        return {"member": _l("Member"), "chair": _l("Chair"), "co_chair": _l("Co-chair")}[self.value]


class _StateOrOrganisation:
    """A row that names either a state (`country`) or an organisation of the register (`partner`)."""

    @property
    def sort_key(self) -> tuple:
        """States by code, then organisations by name."""
        if self.country is not None:
            return (0, self.country, 0)
        return (1, self.partner.display_name.lower(), self.partner_id)

    @property
    def display_name(self) -> str:
        """The state's name or the organisation's, in the reader's language."""
        return country_name(self.country) if self.country is not None else self.partner.display_name


def _one_of_state_or_organisation() -> sa.CheckConstraint:
    return sa.CheckConstraint("(country IS NULL) <> (partner_id IS NULL)", name="state_or_organisation")


class DialogueMember(_StateOrOrganisation, VersionedMixin, db.Model):
    """A state or an organisation in a dialogue with one status (dialogues.rules.membership_taken_problems)."""

    __tablename__ = "dialogue_memberships"
    __table_args__ = (
        _one_of_state_or_organisation(),
        sa.CheckConstraint("status <> 'FOCUS_COUNTRY' OR country IS NOT NULL", name="focus_country_is_a_state"),
        sa.UniqueConstraint("dialogue_id", "country"),
        sa.UniqueConstraint("dialogue_id", "partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    country: Mapped[str | None] = Country()
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    status: Mapped[MemberStatus] = mapped_column(sa.Enum(MemberStatus, native_enum=False, length=20))

    dialogue: Mapped["Dialogue"] = relationship(back_populates="member_rows")
    partner: Mapped[Partner | None] = relationship()


class DialogueGroupMember(_StateOrOrganisation, VersionedMixin, db.Model):
    """A state or an organisation in a group of a dialogue, possibly chairing it."""

    __tablename__ = "dialogue_group_members"
    __table_args__ = (
        _one_of_state_or_organisation(),
        sa.CheckConstraint("role = 'MEMBER' OR country IS NOT NULL", name="chair_is_a_state"),
        sa.UniqueConstraint("group_id", "country"),
        sa.UniqueConstraint("group_id", "partner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogue_groups.id", ondelete="CASCADE"), index=True)
    country: Mapped[str | None] = Country()
    partner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    role: Mapped[GroupRole] = mapped_column(sa.Enum(GroupRole, native_enum=False, length=20), default=GroupRole.MEMBER)

    group: Mapped["DialogueGroup"] = relationship(back_populates="member_rows")
    partner: Mapped[Partner | None] = relationship()


def _member_key(row) -> tuple[str, object]:
    """("state", code) or ("organisation", the Partner): a partner not yet flushed has no id to tell it by."""
    return ("state", row.country) if row.country is not None else ("organisation", row.partner)


def _holding(rows, attr: str, value, kind: str) -> list:
    """The states' codes (kind "state") or the organisations (kind "organisation") of the rows whose `attr` is
    `value`, by code or by ref."""
    if kind == "state":
        return sorted(row.country for row in rows if row.country is not None and getattr(row, attr) == value)
    found = [row.partner for row in rows if row.country is None and getattr(row, attr) == value]
    return sorted(found, key=lambda partner: partner.ref)


def _assign(owner, make, attr: str, value, kind: str, wanted: dict) -> None:
    """Give exactly the `wanted` states or organisations (key -> fields of a new row) `value` as their `attr`
    among the owner's member_rows: a row with another value takes this one, a row with this value left out goes.
    A row that an earlier setter took out since the last flush comes back rather than a new one for the same member
    (the import sets members and observers one after the other: a member who becomes an observer keeps the row)."""
    have = {
        ident: row
        for row in sa.inspect(owner).attrs.member_rows.history.deleted
        for row_kind, ident in [_member_key(row)]
        if row_kind == kind and ident in wanted
    }
    for row in list(owner.member_rows):
        row_kind, ident = _member_key(row)
        if row_kind != kind:
            continue
        if ident in wanted:
            have[ident] = row
        elif getattr(row, attr) == value:
            owner.member_rows.remove(row)
    for ident, fields in wanted.items():
        if ident in have:
            if have[ident] not in owner.member_rows:
                owner.member_rows.append(have[ident])
            setattr(have[ident], attr, value)
        else:
            owner.member_rows.append(make(**fields, **{attr: value}))


def _states(codes) -> dict:
    return {code.upper(): {"country": code.upper()} for code in codes if code}


def _organisations(partners) -> dict:
    return {partner: {"partner": partner} for partner in partners}


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
    #: the states and organisations taking part, whatever their status
    member_rows: Mapped[list[DialogueMember]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by=DialogueMember.id
    )
    groups: Mapped[list["DialogueGroup"]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by="DialogueGroup.id"
    )
    chairmanships: Mapped[list["Chairmanship"]] = relationship(
        back_populates="dialogue", cascade="all, delete-orphan", order_by="Chairmanship.start_date"
    )
    plans: Mapped[list["ActionPlan"]] = relationship(
        secondary=action_plan_dialogues, back_populates="dialogues", order_by="ActionPlan.id"
    )
    projects: Mapped[list[Project]] = relationship(
        secondary=project_dialogues, back_populates="dialogues", order_by=Project.code
    )

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
        """The member states' codes (status member); setting them moves a state of another status to member."""
        return _holding(self.member_rows, "status", MemberStatus.MEMBER, "state")

    @members.setter
    def members(self, codes) -> None:
        _assign(self, DialogueMember, "status", MemberStatus.MEMBER, "state", _states(codes))

    @property
    def observers(self) -> list[str]:
        return _holding(self.member_rows, "status", MemberStatus.OBSERVER, "state")

    @observers.setter
    def observers(self, codes) -> None:
        _assign(self, DialogueMember, "status", MemberStatus.OBSERVER, "state", _states(codes))

    @property
    def focus_countries(self) -> list[str]:
        return _holding(self.member_rows, "status", MemberStatus.FOCUS_COUNTRY, "state")

    @focus_countries.setter
    def focus_countries(self, codes) -> None:
        _assign(self, DialogueMember, "status", MemberStatus.FOCUS_COUNTRY, "state", _states(codes))

    @property
    def member_organisations(self) -> list[Partner]:
        return _holding(self.member_rows, "status", MemberStatus.MEMBER, "organisation")

    @member_organisations.setter
    def member_organisations(self, partners) -> None:
        _assign(self, DialogueMember, "status", MemberStatus.MEMBER, "organisation", _organisations(partners))

    @property
    def observer_organisations(self) -> list[Partner]:
        return _holding(self.member_rows, "status", MemberStatus.OBSERVER, "organisation")

    @observer_organisations.setter
    def observer_organisations(self, partners) -> None:
        _assign(self, DialogueMember, "status", MemberStatus.OBSERVER, "organisation", _organisations(partners))

    def chair_on(self, day: date) -> "Chairmanship | None":
        for chair in self.chairmanships:
            if chair.start_date <= day and (chair.end_date is None or chair.end_date >= day):
                return chair
        return None


class DialogueGroup(VersionedMixin, db.Model):
    """A group of a dialogue (its steering committee, a reference group ...) with its own members."""

    __tablename__ = "dialogue_groups"
    #: a group's name is unique within its dialogue whatever its case (dialogues.rules.group_name_problems)
    __table_args__ = (sa.UniqueConstraint("dialogue_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(sa.ForeignKey("dialogues.id", ondelete="CASCADE"), index=True)
    kind: Mapped[GroupKind] = mapped_column(sa.Enum(GroupKind, native_enum=False, length=30))
    name: Mapped[str] = mapped_column(sa.String(255))
    name_fr: Mapped[str | None] = mapped_column(sa.String(255))
    name_ru: Mapped[str | None] = mapped_column(sa.String(255))

    dialogue: Mapped[Dialogue] = relationship(back_populates="groups")
    member_rows: Mapped[list[DialogueGroupMember]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by=DialogueGroupMember.id
    )

    @property
    def display_name(self) -> str:
        return in_reader_language(self, "name")

    @property
    def states(self) -> list[str]:
        """The states in the group without a role; setting them moves a chair among them to plain member."""
        return _holding(self.member_rows, "role", GroupRole.MEMBER, "state")

    @states.setter
    def states(self, codes) -> None:
        _assign(self, DialogueGroupMember, "role", GroupRole.MEMBER, "state", _states(codes))

    @property
    def chairs(self) -> list[str]:
        return _holding(self.member_rows, "role", GroupRole.CHAIR, "state")

    @chairs.setter
    def chairs(self, codes) -> None:
        _assign(self, DialogueGroupMember, "role", GroupRole.CHAIR, "state", _states(codes))

    @property
    def co_chairs(self) -> list[str]:
        return _holding(self.member_rows, "role", GroupRole.CO_CHAIR, "state")

    @co_chairs.setter
    def co_chairs(self, codes) -> None:
        _assign(self, DialogueGroupMember, "role", GroupRole.CO_CHAIR, "state", _states(codes))

    @property
    def organisations(self) -> list[Partner]:
        return _holding(self.member_rows, "role", GroupRole.MEMBER, "organisation")

    @organisations.setter
    def organisations(self, partners) -> None:
        _assign(self, DialogueGroupMember, "role", GroupRole.MEMBER, "organisation", _organisations(partners))


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
    #: the plan's identity in the portfolio workbook
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=ref_default("AP-"))
    title: Mapped[str] = mapped_column(sa.String(255))
    title_fr: Mapped[str | None] = mapped_column(sa.String(255))
    title_ru: Mapped[str | None] = mapped_column(sa.String(255))
    #: first and last day of validity; None: open at that end
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]

    dialogues: Mapped[list[Dialogue]] = relationship(
        secondary=action_plan_dialogues, back_populates="plans", order_by=Dialogue.code
    )
    domains: Mapped[list["ActionPlanDomain"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ActionPlanDomain.position"
    )

    @property
    def display_title(self) -> str:
        return in_reader_language(self, "title")

    def is_expired(self, day: date) -> bool:
        return self.valid_until is not None and self.valid_until < day

    def is_current(self, day: date) -> bool:
        return not self.is_expired(day) and (self.valid_from is None or self.valid_from <= day)


class ActionPlanDomain(VersionedMixin, db.Model):
    """A domain (pillar) of an action plan, e.g. the five JVAP domains."""

    __tablename__ = "action_plan_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=ref_default("APD-"))
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
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True, default=ref_default("APP-"))
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
