"""Who may read the audit trail of a record: the read rule of the record itself, for every audited record type, in
one place. The History page, the audit entry page and the audit log all ask here. A record's history says what the
record said, so whoever may not see the record may not see its history: they get the answer the record's own page
gives them (403 for a role that never reaches such pages, 404 for a record hidden from a role that does).

Deny by default: a record type without a rule here, and an entry about no record (an import, an export), is read by
admins only."""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from portal.accounts.access import ADMINS, ALL_ROLES, NOTE_READERS, PERSONAL_DATA, STAFF, may_read_account
from portal.audit.models import AuditEntry
from portal.audit.services import PERSONAL_RECORD_TYPES
from portal.concept_notes import queries as concept_notes
from portal.concept_notes.models import (
    BudgetAllocation,
    BudgetLine,
    Collaborator,
    ConceptNote,
    Indicator,
    NoteSection,
    Outcome,
    Output,
    ReviewComment,
    Risk,
    Submission,
)
from portal.extensions import db

FORBIDDEN = 403
NOT_FOUND = 404


@dataclass(frozen=True)
class ReadRule:
    #: the roles the record's own pages answer; everyone else gets 403
    roles: frozenset
    #: for those roles, the record-level rule: (user, record id) -> None when readable, else 403 or 404
    check: Callable[[object, int], int | None] | None = None
    #: the same rule as SQL for lists: (user, a column of record ids) -> a condition on that column
    condition: Callable[[object, sa.ColumnElement[int]], sa.ColumnElement[bool]] | None = None


def _note_rule(model) -> ReadRule:
    """A concept note, or a part of one: as the note (concept_notes.queries.may_read); 404 when it is gone."""

    def check(user, record_id):
        record = db.session.get(model, record_id)
        note = record if model is ConceptNote or record is None else record.note
        return None if note is not None and concept_notes.may_read(note, user) else NOT_FOUND

    def condition(user, ids):
        notes = concept_notes.readable_note_ids(user)
        if model is not ConceptNote:
            notes = sa.select(model.id).where(model.note_id.in_(notes))
        return ids.in_(notes)

    return ReadRule(NOTE_READERS, check, condition)


#: the portfolio: every staff role reads projects, partners, funding, dialogues, events and key figures
PORTFOLIO = (
    "Project",
    "Partner",
    "Contribution",
    "Expenditure",
    "ProjectPartner",
    "Deliverable",
    "ProjectOutput",
    "ProjectIndicator",
    "IndicatorResult",
    "Revenue",
    "Dialogue",
    "Chairmanship",
    "DialogueMember",
    "DialogueGroup",
    "DialogueGroupMember",
    "ActionPlan",
    "ActionPlanDomain",
    "ActionPlanPriority",
    "CollectionCycle",
    "Initiative",
    "Event",
    "KeyFigureSnapshot",
)

RULES: dict[str, ReadRule] = {
    **{name: ReadRule(STAFF) for name in PORTFOLIO},
    # participants' personal data: managers see counts, never names (the people pages are PERSONAL_DATA's)
    **{name: ReadRule(PERSONAL_DATA) for name in sorted(PERSONAL_RECORD_TYPES)},
    # accounts: admins read every account, everyone else only their own (a user's page is the admins')
    "User": ReadRule(
        ALL_ROLES,
        lambda user, record_id: None if may_read_account(user, record_id) else FORBIDDEN,
        lambda user, ids: sa.true() if user.role in ADMINS else ids == user.id,
    ),
    **{
        model.__name__: _note_rule(model)
        for model in (
            ConceptNote,
            NoteSection,
            Collaborator,
            Outcome,
            Output,
            Indicator,
            Risk,
            BudgetLine,
            BudgetAllocation,
            Submission,
            ReviewComment,
        )
    },
}
#: what a type without a rule gets: admins only
DEFAULT_RULE = ReadRule(ADMINS)


def rule_for(record_type: str | None) -> ReadRule:
    return RULES.get(record_type, DEFAULT_RULE) if record_type is not None else DEFAULT_RULE


def read_denial(user, record_type: str | None, record_id: int | None) -> int | None:
    """None when `user` may read the record (and so its history and audit entries), else 403 or 404."""
    rule = rule_for(record_type)
    if not user.is_authenticated or user.role not in rule.roles:
        return FORBIDDEN
    if rule.check is None or record_type is None:
        return None
    if record_id is None:
        return NOT_FOUND
    return rule.check(user, record_id)


def can_read(user, record_type: str | None, record_id: int | None) -> bool:
    return read_denial(user, record_type, record_id) is None


def readable_ids(user, record_type: str, ids: sa.ColumnElement[int]) -> sa.ColumnElement[bool] | None:
    """A condition on a column of `record_type` ids: the records `user` may read (their names, say); None when
    `user` reads no record of the type."""
    rule = rule_for(record_type)
    if not user.is_authenticated or user.role not in rule.roles:
        return None
    return rule.condition(user, ids) if rule.condition is not None else sa.true()


def readable_entries(user) -> sa.ColumnElement[bool]:
    """A condition on AuditEntry: the entries about records `user` may read, for the audit log and its searches."""
    if not user.is_authenticated:
        return sa.false()
    visible = []
    if user.role in DEFAULT_RULE.roles:
        visible.append(sa.or_(AuditEntry.record_type.is_(None), AuditEntry.record_type.not_in(list(RULES))))
    whole_types = [name for name, rule in RULES.items() if user.role in rule.roles and rule.condition is None]
    if whole_types:
        visible.append(AuditEntry.record_type.in_(whole_types))
    for name, rule in RULES.items():
        if user.role in rule.roles and rule.condition is not None:
            visible.append(sa.and_(AuditEntry.record_type == name, rule.condition(user, AuditEntry.record_id)))
    return sa.or_(*visible) if visible else sa.false()
