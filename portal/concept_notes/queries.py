"""Reading concept notes: the lists, who may read or edit a note, its budget and size, invitations, and the
snapshots of its submissions with what changed between them."""

import difflib
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.accounts.access import APPLICANTS, REVIEWERS
from portal.accounts.models import User
from portal.concept_notes import reference_lists
from portal.concept_notes.budget import (
    Budget,
    OutcomeYearBudget,
    compute_budget,
    compute_outcome_budget,
    programme_years,
)
from portal.concept_notes.markdown import word_count
from portal.concept_notes.models import (
    COVER_FIELDS,
    Collaborator,
    ConceptNote,
    Invitation,
    NoteStatus,
    ReferenceKind,
    Submission,
)
from portal.concept_notes.sections import COMMENT_TITLES, SECTION_KEYS, SECTION_TITLES, WORDS_PER_PAGE
from portal.extensions import db
from portal.sorting import Sort, Sorting

#: what a list of notes shows of each: its owner, its submissions, and its team (for the Edit and Copy buttons)
NOTE_LIST_LOADS = (
    selectinload(ConceptNote.owner),
    selectinload(ConceptNote.submissions),
    selectinload(ConceptNote.collaborators),
)


#: the list of notes' columns
NOTE_SORTING = Sorting(
    columns={
        "title": lambda: (sa.func.lower(ConceptNote.title),),
        "status": lambda: (ConceptNote.status,),
        "owner": lambda: (
            sa.select(sa.func.lower(User.name)).where(User.id == ConceptNote.owner_id).scalar_subquery(),
        ),
        "submissions": lambda: (
            sa.select(sa.func.count()).where(Submission.note_id == ConceptNote.id).scalar_subquery(),
        ),
        "updated": lambda: (ConceptNote.updated_at,),
    },
    default="-updated",
    tiebreak=ConceptNote.id,
)


def notes_of(user: User, *, sort: Sort | None = None) -> list[ConceptNote]:
    """The notes a user owns or was invited to, newest first unless `sort` asks otherwise."""
    collaborating = sa.select(Collaborator.note_id).where(Collaborator.user_id == user.id)
    query = (
        sa.select(ConceptNote)
        .where(sa.or_(ConceptNote.owner_id == user.id, ConceptNote.id.in_(collaborating)))
        .order_by(*NOTE_SORTING.order_by(sort))
        .options(*NOTE_LIST_LOADS)
    )
    return list(db.session.scalars(query))


def reviewable_notes(*, statuses=None, sort: Sort | None = None) -> list[ConceptNote]:
    """Notes that were submitted at least once (reviewers never see drafts), newest first unless `sort` asks
    otherwise."""
    query = sa.select(ConceptNote).where(ConceptNote.status != NoteStatus.DRAFT).options(*NOTE_LIST_LOADS)
    if statuses:
        query = query.where(ConceptNote.status.in_(statuses))
    return list(db.session.scalars(query.order_by(*NOTE_SORTING.order_by(sort))))


def is_team_member(note: ConceptNote, user: User) -> bool:
    """Owner or invited collaborator: who may edit the note while it is editable."""
    return user.id in note.team_ids()


def is_reviewer(user: User) -> bool:
    """Managers and admins review submitted notes."""
    return user.role in REVIEWERS


def may_read(note: ConceptNote, user: User) -> bool:
    """The team always; reviewers once the note left the draft state."""
    return is_team_member(note, user) or (is_reviewer(user) and note.status != NoteStatus.DRAFT)


def readable_note_ids(user: User) -> sa.Select:
    """The ids of the notes `user` may read, as SQL: may_read() for lists (the audit log)."""
    collaborating = sa.select(Collaborator.note_id).where(Collaborator.user_id == user.id)
    readable = sa.or_(ConceptNote.owner_id == user.id, ConceptNote.id.in_(collaborating))
    if is_reviewer(user):
        readable = sa.or_(readable, ConceptNote.status != NoteStatus.DRAFT)
    return sa.select(ConceptNote.id).where(readable)


def invitations_of(user: User) -> list[Invitation]:
    """The invitations waiting for an applicant account, by its e-mail address."""
    if user.role not in APPLICANTS:
        return []
    query = sa.select(Invitation).where(Invitation.email_key == Invitation.key_of(user.email)).order_by(Invitation.id)
    return list(db.session.scalars(query.options(selectinload(Invitation.note).selectinload(ConceptNote.owner))))


def invitation_for(invitation_id: int, user: User) -> Invitation | None:
    """An invitation addressed to this user's e-mail address, or None."""
    invitation = db.session.get(Invitation, invitation_id)
    return invitation if invitation is not None and invitation in invitations_of(user) else None


def section_version(note: ConceptNote, key: str) -> int:
    """The version a section's editor opens at: 0 while the section was never saved."""
    section = next((s for s in note.sections if s.key == key), None)
    return section.version if section is not None else 0


def budget_for(note: ConceptNote, rate: Decimal) -> Budget:
    """The note's budget table with line 8 and the totals computed."""
    amounts = {(line.organisation, line.category): line.amount for line in note.budget_lines}
    return compute_budget(note.organisations, reference_lists.budget_categories(), amounts, rate)


def budget_by_outcome(note: ConceptNote, rate: Decimal, by_category: Budget | None = None) -> OutcomeYearBudget:
    """The note's direct costs by outcome and programme year, with the totals and each year's indirect costs (those of
    the budget by category, `budget_for`, shared out over the years while both tables agree)."""
    amounts = {(a.outcome_id, a.year): a.amount for a in note.budget_allocations}
    if by_category is None:
        by_category = budget_for(note, rate)
    outcomes, years = [o.id for o in note.outcomes], programme_years(note.duration_months)
    return compute_outcome_budget(outcomes, years, amounts, rate, by_category)


def sdg_target_choices() -> list[tuple[str, str]]:
    """(code, "10.7 · label") of the SDG targets offered on new notes."""
    return [
        (item.code, f"{item.code} · {item.display_label}") for item in reference_lists.entries(ReferenceKind.SDG_TARGET)
    ]


def human_rights_levels() -> dict[str, str]:
    """Human rights marker level ("0" to "2") -> what it means, on the fund's own scale."""
    return {item.code: item.display_label for item in reference_lists.entries(ReferenceKind.HUMAN_RIGHTS_LEVEL)}


def principle_titles() -> dict[str, str]:
    """Guiding principle code -> its label in the reader's language."""
    return {item.code: item.display_label for item in reference_lists.entries(ReferenceKind.GUIDING_PRINCIPLE)}


def area_objectives() -> dict[str, set[str]]:
    """Thematic area code -> the codes of the GCM objectives that belong to it, as the admins map them."""
    mapping = {}
    for item in reference_lists.entries(ReferenceKind.AREA_OBJECTIVES):
        area, _slash, objective = item.code.partition("/")
        mapping.setdefault(area.strip(), set()).add(objective.strip())
    return mapping


def section_guidance() -> dict[str, str]:
    """Section key -> the fund's guidance on it, in the reader's language."""
    return {item.code: item.display_title for item in reference_lists.entries(ReferenceKind.SECTION_GUIDANCE)}


def words_by_section(note: ConceptNote) -> dict:
    """Words in each narrative section."""
    return {key: word_count(note.section_text(key)) for key in SECTION_KEYS}


def estimate_pages(note: ConceptNote) -> float:
    """A quick estimate of the PDF's length, for the editor: cover, narrative words and table rows."""
    words = sum(words_by_section(note).values())
    rows = len(note.outcomes) + len(note.outputs) + 2 * len(note.indicators) + 1.5 * len(note.risks)
    return round(1.2 + words / WORDS_PER_PAGE + rows / 22 + 0.45, 1)


def snapshot(note: ConceptNote, *, rate: Decimal) -> dict:
    """The whole note as JSON-ready data, plus a readable text of each part for comparisons."""
    budget = budget_for(note, rate)
    cover = {}
    for name in COVER_FIELDS:
        value = getattr(note, name)
        cover[name] = value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)
        if isinstance(value, list | dict):
            cover[name] = value.copy()
    outcomes = [{"id": o.id, "statement": o.statement} for o in note.outcomes]
    outputs = [{"id": o.id, "outcome_id": o.outcome_id, "statement": o.statement} for o in note.outputs]
    indicators = [
        {
            "output_id": i.output_id,
            "description": i.description,
            "baseline": i.baseline,
            "target": i.target,
            "means_of_verification": i.means_of_verification,
            "responsible_organisation": i.responsible_organisation,
            "disaggregation": list(i.disaggregation),
        }
        for i in note.indicators
    ]
    risks = [
        {
            "description": r.description,
            "likelihood": str(r.likelihood),
            "impact": str(r.impact),
            "mitigation": r.mitigation,
        }
        for r in note.risks
    ]
    lines = [
        {"organisation": o, "category": c, "amount": str(budget.amount(o, c))}
        for o in budget.organisations
        for c in budget.categories
        if budget.amount(o, c)
    ]
    sections = {key: note.section_text(key) for key in SECTION_KEYS}
    texts = {"cover": "\n".join(f"{name}: {_text(cover[name])}" for name in COVER_FIELDS), **sections}
    texts["results_table"] = "\n".join(
        [f"Outcome {o['id']}: {o['statement']}" for o in outcomes]
        + [f"Output (outcome {o['outcome_id']}): {o['statement']}" for o in outputs]
        + [
            f"Indicator: {i['description']} | baseline {i['baseline']} | target {i['target']} | "
            f"{i['means_of_verification']} | {i['responsible_organisation']} | {', '.join(i['disaggregation'])}"
            for i in indicators
        ]
    )
    texts["risks_table"] = "\n".join(
        f"{r['description']} | {r['likelihood']} | {r['impact']} | {r['mitigation']}" for r in risks
    )
    by_outcome = budget_by_outcome(note, rate, budget)
    allocations = [
        {"outcome_id": o, "year": y, "amount": str(by_outcome.amount(o, y))}
        for o in by_outcome.outcomes
        for y in by_outcome.years
        if by_outcome.amount(o, y)
    ]
    texts["budget_table"] = "\n".join(
        [f"{line['organisation']} {line['category']}: {line['amount']}" for line in lines]
        + [f"{o} 8: {budget.indirect[o]}" for o in budget.organisations]
        + [f"Outcome {a['outcome_id']}, year {a['year']}: {a['amount']}" for a in allocations]
        + [f"total: {budget.total}"]
    )
    return {
        "cover": cover,
        "sections": sections,
        "outcomes": outcomes,
        "outputs": outputs,
        "indicators": indicators,
        "risks": risks,
        "budget_lines": lines,
        "budget_allocations": allocations,
        "rate": str(rate),
        "total": str(budget.total),
        "texts": texts,
    }


def _text(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {text}" for key, text in value.items())
    if isinstance(value, list):
        return ", ".join(
            " · ".join(str(v) for v in item.values() if v) if isinstance(item, dict) else str(item) for item in value
        )
    return "" if value is None else str(value)


def changes_since_previous(note: ConceptNote) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per part, the lines changed between the last two submissions: [(title, [(mark, line), ...])]."""
    if len(note.submissions) < 2:
        return []
    before = note.submissions[-2].snapshot["texts"]
    after = note.submissions[-1].snapshot["texts"]
    parts = [
        ("cover", COMMENT_TITLES["cover"]),
        *((key, SECTION_TITLES[key]) for key in SECTION_KEYS),
        ("results_table", _("Results framework")),
        ("risks_table", _("Risks table")),
        ("budget_table", _("Budget table")),
    ]
    changes = []
    for part, title in parts:
        old, new = before.get(part, "").splitlines(), after.get(part, "").splitlines()
        if old != new:
            rows = [(line[0], line[2:]) for line in difflib.ndiff(old, new) if line[0] in "+- "]
            changes.append((title, rows))
    return changes
