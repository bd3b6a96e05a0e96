"""Writing concept notes: editing a draft, its team, submission and review, and the reference lists. Services
flush only; reads are in queries.py, the document in documents.py."""

from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from portal import mail
from portal.accounts.access import APPLICANTS, REVIEWERS
from portal.accounts.models import User
from portal.accounts.queries import enabled_accounts_in, find_user_by_email
from portal.concept_notes import defaults, queries
from portal.concept_notes.budget import programme_years
from portal.concept_notes.markdown import clean_source
from portal.concept_notes.models import (
    COVER_FIELDS,
    DISAGGREGATIONS,
    EDITABLE,
    BudgetAllocation,
    BudgetLine,
    Collaborator,
    ConceptNote,
    Indicator,
    Invitation,
    NoteSection,
    NoteStatus,
    Outcome,
    Output,
    PartnerKind,
    ReferenceItem,
    ReviewComment,
    Risk,
    Scope,
    Submission,
)
from portal.concept_notes.sections import COMMENT_TITLES, SECTION_KEYS
from portal.concept_notes.validation import Problem, submission_problems
from portal.concurrency import CONFLICT_MESSAGE
from portal.db import utcnow
from portal.errors import DomainError
from portal.extensions import db

# ---- reference lists


def install_reference_defaults(kinds=None) -> int:
    """Add the shipped reference entries that are missing (by kind and code), of every list or of `kinds`; return how
    many were added."""
    existing = {(kind, code) for kind, code in db.session.execute(sa.select(ReferenceItem.kind, ReferenceItem.code))}
    added = 0
    for kind in kinds or defaults.DEFAULTS:
        for entry in defaults.shipped_entries(kind):
            if (kind, entry["code"]) not in existing:
                db.session.add(ReferenceItem(kind=kind, **entry))
                added += 1
    db.session.flush()
    return added


def ensure_reference_data() -> bool:
    """Install the defaults of every list that has no entry yet (a new installation, or a list added since); True
    when it did."""
    present = set(db.session.scalars(sa.select(ReferenceItem.kind).distinct()))
    missing = [kind for kind in defaults.DEFAULTS if kind not in present]
    if missing:
        install_reference_defaults(missing)
        return True
    return False


def save_reference_item(item: ReferenceItem, data: dict) -> ReferenceItem:
    """Create or change a reference entry; codes are unique within their list."""
    clash = db.session.scalar(
        sa.select(ReferenceItem.id).where(
            ReferenceItem.kind == item.kind, ReferenceItem.code == data["code"], ReferenceItem.id != item.id
        )
    )
    if clash is not None:
        raise DomainError("code", _("This list already has an entry with this code."))
    for name in ("code", "label", "title", *defaults.TRANSLATED_FIELDS, "position", "is_active"):
        setattr(item, name, data[name])
    db.session.add(item)
    db.session.flush()
    return item


# ---- editing


def create_note(*, actor: User, title: str, language: str) -> ConceptNote:
    """Start a new draft owned by `actor`."""
    note = ConceptNote(
        owner=actor,
        title=title.strip(),
        language=language,
        contact_name=actor.name,
        contact_email=actor.email,
        countries=[],
        organisations=[],
        gcm_objectives=[],
        guiding_principles=[],
        principle_applications={},
        sdg_targets=[],
        partners=[],
        government_endorsements=[],
    )
    db.session.add(note)
    db.session.flush()
    return note


def copy_note(source: ConceptNote, *, actor: User) -> ConceptNote:
    """A new draft owned by `actor` with the source's content, without its reviews, submissions or team."""
    note = ConceptNote(owner=actor, copied_from_id=source.id, status=NoteStatus.DRAFT)
    for name in COVER_FIELDS:
        setattr(note, name, _copy_value(getattr(source, name)))
    note.title = _("Copy of %(title)s", title=source.title)[:300]
    db.session.add(note)
    with db.session.no_autoflush:
        for section in source.sections:
            note.sections.append(NoteSection(key=section.key, body=section.body))
        outcomes = {}
        for outcome in source.outcomes:
            outcomes[outcome.id] = Outcome(position=outcome.position, statement=outcome.statement)
            note.outcomes.append(outcomes[outcome.id])
        outputs = {}
        for output in source.outputs:
            outputs[output.id] = Output(
                position=output.position, statement=output.statement, outcome=outcomes.get(output.outcome_id)
            )
            note.outputs.append(outputs[output.id])
        for ind in source.indicators:
            note.indicators.append(
                Indicator(
                    output=outputs.get(ind.output_id),
                    position=ind.position,
                    description=ind.description,
                    baseline=ind.baseline,
                    target=ind.target,
                    means_of_verification=ind.means_of_verification,
                    responsible_organisation=ind.responsible_organisation,
                    disaggregation=list(ind.disaggregation),
                )
            )
        for risk in source.risks:
            note.risks.append(
                Risk(
                    position=risk.position,
                    description=risk.description,
                    likelihood=risk.likelihood,
                    impact=risk.impact,
                    mitigation=risk.mitigation,
                )
            )
        for line in source.budget_lines:
            note.budget_lines.append(
                BudgetLine(organisation=line.organisation, category=line.category, amount=line.amount)
            )
        for allocation in source.budget_allocations:
            note.budget_allocations.append(
                BudgetAllocation(
                    outcome=outcomes[allocation.outcome_id], year=allocation.year, amount=allocation.amount
                )
            )
    db.session.flush()
    return note


def _copy_value(value):
    if isinstance(value, list):
        return [item.copy() if isinstance(item, dict) else item for item in value]
    return value.copy() if isinstance(value, dict) else value


def _require_editable(note: ConceptNote) -> None:
    if note.status not in EDITABLE:
        raise DomainError(None, _("This note is %(status)s and cannot be changed.", status=note.status.label))


def update_cover(note: ConceptNote, data: dict) -> ConceptNote:
    """Save the cover information; budget lines of organisations no longer taking part are dropped."""
    _require_editable(note)
    if data.get("lead_organisation") and data["lead_organisation"] not in data.get("organisations", []):
        raise DomainError("lead_organisation", _("The lead must be one of the participating organisations."))
    if data.get("scope") == Scope.REGIONAL and len(data.get("countries") or []) < 2:
        raise DomainError("countries", _("A regional programme needs at least two countries."))
    data = _typed_cover(data)
    for name in COVER_FIELDS:
        if name in data:
            value = data[name]
            setattr(note, name, value.strip() if isinstance(value, str) else value)
    years = programme_years(note.duration_months)
    for allocation in list(note.budget_allocations):
        if allocation.year not in years:
            note.budget_allocations.remove(allocation)
    for line in list(note.budget_lines):
        if line.organisation not in note.organisations:
            note.budget_lines.remove(line)
    for indicator in note.indicators:
        if indicator.responsible_organisation not in note.organisations:
            indicator.responsible_organisation = None
    note.updated_at = utcnow()
    db.session.flush()
    return note


def _typed_cover(data: dict) -> dict:
    """The cover's lists as stored: partners and endorsements without blank rows, dates as ISO text, a principle's
    text only while it is chosen, and the partners' names one per line for search."""
    data = dict(data)
    if "partners" in data:
        partners = []
        for row in data["partners"]:
            name = (row.get("name") or "").strip()
            if name:
                kind = row.get("kind")
                partners.append({"name": name, "kind": kind if kind in set(PartnerKind) else None})
        data["partners"] = partners
        data["implementing_partners"] = "\n".join(p["name"] for p in partners)
    if "government_endorsements" in data:
        data["government_endorsements"] = [
            {
                "country": row.get("country") or None,
                "by": (row.get("by") or "").strip(),
                "on": row["on"].isoformat() if row.get("on") else None,
            }
            for row in data["government_endorsements"]
            if row.get("country") or (row.get("by") or "").strip() or row.get("on")
        ]
    if "principle_applications" in data:
        chosen = data.get("guiding_principles", [])
        data["principle_applications"] = {
            code: text.strip() for code, text in data["principle_applications"].items() if code in chosen and text
        }
    return data


class SectionConflict(DomainError):
    """The section was saved by someone else after the text was opened: nothing was saved. `theirs` and
    `version` are what is saved now, for the writer to reconcile with their own text."""

    def __init__(self, section: NoteSection | None):
        super().__init__("body", CONFLICT_MESSAGE)
        self.theirs = section.body if section is not None else ""
        self.version = section.version if section is not None else 0


def _section(note: ConceptNote, key: str) -> NoteSection | None:
    return next((s for s in note.sections if s.key == key), None)


def save_section(note: ConceptNote, key: str, body: str, *, opened: int | None) -> NoteSection:
    """Save one narrative section's Markdown, stripped of raw HTML. `opened` is the section's version the text was
    written against (queries.section_version); when someone saved the section since, SectionConflict, and nothing is
    saved: an owner and a collaborator typing in one section never silently replace each other's text."""
    _require_editable(note)
    if key not in SECTION_KEYS:
        raise DomainError("section", _("Unknown section."))
    section = _section(note, key)
    if opened != (section.version if section is not None else 0):
        raise SectionConflict(section)
    if section is None:
        section = NoteSection(note_id=note.id, key=key, body=clean_source(body))
        try:
            with db.session.begin_nested():
                db.session.add(section)
        except IntegrityError:  # the other writer created it first
            db.session.expire(note, ["sections"])
            raise SectionConflict(_section(note, key)) from None
        db.session.expire(note, ["sections"])
    else:
        section.body = clean_source(body)
    note.updated_at = utcnow()
    db.session.flush()
    return section


def save_budget(note: ConceptNote, amounts: dict, allocations: dict | None = None) -> ConceptNote:
    """Store the amounts of lines 1-7, {(organisation, category): Decimal}, and the direct costs by outcome and
    programme year, {(outcome id, year): Decimal}; zero or empty removes a line."""
    _require_editable(note)
    for (organisation, category), amount in amounts.items():
        if amount is not None and amount < 0:
            raise DomainError(f"{organisation}-{category}", _("Amounts cannot be negative."))
    if allocations is not None:
        _save_allocations(note, allocations)
    lines = {(line.organisation, line.category): line for line in note.budget_lines}
    for key, amount in amounts.items():
        line = lines.get(key)
        if not amount:
            if line is not None:
                note.budget_lines.remove(line)
        elif line is None:
            note.budget_lines.append(BudgetLine(organisation=key[0], category=key[1], amount=amount))
        elif line.amount != amount:
            line.amount = amount
    note.updated_at = utcnow()
    db.session.flush()
    return note


def _save_allocations(note: ConceptNote, allocations: dict) -> None:
    outcomes = {outcome.id: outcome for outcome in note.outcomes}
    years = programme_years(note.duration_months)
    for (outcome_id, year), amount in allocations.items():
        if outcome_id not in outcomes or year not in years:
            raise DomainError(None, _("Share the budget out only over the note's outcomes and programme years."))
        if amount is not None and amount < 0:
            raise DomainError(f"outcome{outcome_id}-year{year}", _("Amounts cannot be negative."))
    stored = {(a.outcome_id, a.year): a for a in note.budget_allocations}
    for (outcome_id, year), amount in allocations.items():
        allocation = stored.get((outcome_id, year))
        if not amount:
            if allocation is not None:
                note.budget_allocations.remove(allocation)
        elif allocation is None:
            note.budget_allocations.append(BudgetAllocation(outcome=outcomes[outcome_id], year=year, amount=amount))
        elif allocation.amount != amount:
            allocation.amount = amount


def save_result(note: ConceptNote, item, data: dict):
    """Create or change an outcome, output or indicator of the note."""
    _require_editable(note)
    if isinstance(item, Output) and data.get("outcome_id") and data["outcome_id"] not in {o.id for o in note.outcomes}:
        raise DomainError("outcome_id", _("Choose an outcome of this note."))
    if isinstance(item, Indicator):
        if data.get("output_id") and data["output_id"] not in {o.id for o in note.outputs}:
            raise DomainError("output_id", _("Choose an output of this note."))
        if data.get("responsible_organisation") and data["responsible_organisation"] not in note.organisations:
            raise DomainError("responsible_organisation", _("Choose a participating organisation."))
        data = {**data, "disaggregation": [d for d in data.get("disaggregation", []) if d in DISAGGREGATIONS]}
    for name, value in data.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if item.id is None:
        _append(note, item)
    note.updated_at = utcnow()
    db.session.flush()
    return item


_COLLECTIONS = {Outcome: "outcomes", Output: "outputs", Indicator: "indicators", Risk: "risks"}


#: rows per table of a note: a concept note is eight pages, and the PDF renderer must stay bounded (W6)
MAX_ROWS = 60


def _append(note: ConceptNote, item) -> None:
    collection = getattr(note, _COLLECTIONS[type(item)])
    if len(collection) >= MAX_ROWS:
        raise DomainError(None, _("A concept note has at most %(max)d rows in this table.", max=MAX_ROWS))
    item.position = len(collection)
    collection.append(item)


def delete_result(note: ConceptNote, item) -> None:
    """Remove an outcome, output, indicator or risk; outputs and indicators under it lose their parent."""
    _require_editable(note)
    if isinstance(item, Outcome):
        for output in note.outputs:
            if output.outcome_id == item.id:
                output.outcome = None
        for allocation in list(note.budget_allocations):
            if allocation.outcome_id == item.id:
                note.budget_allocations.remove(allocation)
    if isinstance(item, Output):
        for indicator in note.indicators:
            if indicator.output_id == item.id:
                indicator.output = None
    db.session.delete(item)
    note.updated_at = utcnow()
    db.session.flush()
    db.session.expire(note)


def save_risk(note: ConceptNote, risk: Risk, data: dict) -> Risk:
    """Create or change one row of the risks table."""
    _require_editable(note)
    for name, value in data.items():
        setattr(risk, name, value.strip() if isinstance(value, str) else value)
    if risk.id is None:
        _append(note, risk)
    note.updated_at = utcnow()
    db.session.flush()
    return risk


# ---- collaboration


def invite_collaborator(note: ConceptNote, email: str, *, actor: User) -> Invitation:
    """Invite whoever signs in with an applicant account of `email` to edit the note; only the owner invites.
    Whether such an account exists is never told: the invitation waits until someone accepts it."""
    if actor.id != note.owner_id:
        raise DomainError("email", _("Only the owner of the note can invite collaborators."))
    key = Invitation.key_of(email)
    if any(Invitation.key_of(member.email) == key for member in _team(note)):
        raise DomainError("email", _("%(email)s already works on this note.", email=email.strip()))
    if any(invitation.email_key == key for invitation in note.invitations):
        raise DomainError("email", _("%(email)s is already invited.", email=email.strip()))
    invitation = Invitation(email=email.strip(), email_key=key, invited_by_id=actor.id)
    note.invitations.append(invitation)
    db.session.flush()
    invitee = find_user_by_email(email)
    # only an applicant can accept; whether the address has an account stays unknown to the owner either way
    if invitee is not None and invitee.role in APPLICANTS:
        mail.notify(invitee, "concept_note_invitation", note=note, inviter=actor)
    return invitation


def accept_invitation(invitation: Invitation, user: User) -> Collaborator | None:
    """The invited person joins the note's team; the invitation is used up."""
    note = invitation.note
    note.invitations.remove(invitation)
    if user.id in note.team_ids():
        db.session.flush()
        return None
    collaborator = Collaborator(user=user)
    note.collaborators.append(collaborator)
    db.session.flush()
    return collaborator


def withdraw_invitation(invitation: Invitation, *, actor: User) -> None:
    """Declined by the invited person, or withdrawn by the owner."""
    if actor.id != invitation.note.owner_id and invitation not in queries.invitations_of(actor):
        raise DomainError(None, _("Only the owner of the note can withdraw an invitation."))
    invitation.note.invitations.remove(invitation)
    db.session.flush()


def remove_collaborator(note: ConceptNote, user_id: int, *, actor: User) -> None:
    """The owner takes a collaborator off the note."""
    if actor.id != note.owner_id:
        raise DomainError(None, _("Only the owner of the note can remove collaborators."))
    for collaborator in list(note.collaborators):
        if collaborator.user_id == user_id:
            note.collaborators.remove(collaborator)
    db.session.flush()


# ---- submission and review


class SubmissionRefused(DomainError):
    """The note breaks a submission rule; `problems` holds every reason and warning, to show each beside its field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(None, _("The note cannot be submitted yet."))
        self.problems = problems


def submit_note(
    note: ConceptNote, *, actor: User, rate: Decimal, pages: int, limit: int, warning: int
) -> list[Problem]:
    """Freeze the note, whose rendered PDF has `pages` pages: record an immutable snapshot and make it read-only for
    the team. Refused (SubmissionRefused) while any submission rule is broken; returns the warnings."""
    _require_editable(note)
    problems = submission_problems(note, queries.budget_for(note, rate), pages=pages, limit=limit, warning=warning)
    if any(problem.blocking for problem in problems):
        raise SubmissionRefused(problems)
    number = len(note.submissions) + 1
    submission = Submission(number=number, submitted_by=actor, snapshot=queries.snapshot(note, rate=rate))
    note.submissions.append(submission)
    note.status = NoteStatus.SUBMITTED
    note.updated_at = utcnow()
    db.session.flush()
    for reviewer in enabled_accounts_in(REVIEWERS):
        mail.notify(reviewer, "concept_note_submitted", note=note)
    return problems


def _require_submitted(note: ConceptNote) -> Submission:
    if note.status != NoteStatus.SUBMITTED or not note.submissions:
        raise DomainError(None, _("Only a submitted note can be reviewed."))
    return note.submissions[-1]


def add_comment(note: ConceptNote, *, actor: User, section: str, body: str) -> ReviewComment:
    """A reviewer's comment on one part of the submitted note."""
    submission = _require_submitted(note)
    if section not in COMMENT_TITLES:
        raise DomainError("section", _("Unknown section."))
    comment = ReviewComment(author=actor, section=section, body=body.strip(), submission=submission)
    note.comments.append(comment)
    db.session.flush()
    for member in _team(note):
        mail.notify(member, "concept_note_comment", note=note, comment=comment)
    return comment


def decide(note: ConceptNote, decision: NoteStatus, *, actor: User) -> Submission:
    """Return the submitted note to its team or endorse it."""
    if decision not in (NoteStatus.RETURNED, NoteStatus.ENDORSED):
        raise DomainError(None, _("Unknown decision."))
    submission = _require_submitted(note)
    submission.decision = decision
    submission.decided_at = utcnow()
    submission.decided_by = actor
    note.status = decision
    note.updated_at = utcnow()
    db.session.flush()
    for member in _team(note):
        mail.notify(member, "concept_note_decided", note=note)
    return submission


def _team(note: ConceptNote) -> list[User]:
    """The note's owner and collaborators."""
    return [note.owner, *(collaborator.user for collaborator in note.collaborators)]
