"""Writing concept notes: reference data, editing, collaboration, submission and review. Services flush only."""

import difflib
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from portal.accounts.access import REVIEWERS
from portal.accounts.models import Role, User
from portal.concept_notes import defaults
from portal.concept_notes.budget import Budget, compute_budget
from portal.concept_notes.markdown import clean_source, render_markdown, word_count
from portal.concept_notes.models import (
    DISAGGREGATIONS,
    EDITABLE,
    BudgetLine,
    Collaborator,
    ConceptNote,
    Indicator,
    Invitation,
    NoteSection,
    NoteStatus,
    Outcome,
    Output,
    ReferenceItem,
    ReferenceKind,
    ReviewComment,
    Risk,
    Scope,
    Submission,
)
from portal.concept_notes.sections import COMMENT_TITLES, SECTION_KEYS, SECTION_TITLES, WORDS_PER_PAGE
from portal.concurrency import CONFLICT_MESSAGE
from portal.db import utcnow
from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import mentions_kosovo
from portal.pdf import html_to_pdf_with_pages

# ---- reference data


def install_reference_defaults() -> int:
    """Add the shipped reference entries that are missing (by kind and code); return how many were added."""
    existing = {(kind, code) for kind, code in db.session.execute(sa.select(ReferenceItem.kind, ReferenceItem.code))}
    added = 0
    for kind, rows in defaults.DEFAULTS.items():
        for position, (code, label, title) in enumerate(rows, start=1):
            if (kind, code) not in existing:
                db.session.add(ReferenceItem(kind=kind, code=code, label=label, title=title, position=position))
                added += 1
    db.session.flush()
    return added


def ensure_reference_data() -> bool:
    """Install the defaults when no reference entry exists yet; True when it did."""
    if db.session.scalar(sa.select(ReferenceItem.id).limit(1)) is None:
        install_reference_defaults()
        return True
    return False


def reference_items(kind: ReferenceKind, *, active_only: bool = True) -> list[ReferenceItem]:
    """Entries of one reference list in their order."""
    query = sa.select(ReferenceItem).where(ReferenceItem.kind == kind)
    if active_only:
        query = query.where(ReferenceItem.is_active.is_(True))
    return list(db.session.scalars(query.order_by(ReferenceItem.position, ReferenceItem.id)))


def reference_lookup() -> dict:
    """kind -> {code: ReferenceItem}, every entry, including inactive ones (old notes may use them)."""
    lookup = {kind: {} for kind in ReferenceKind}
    query = sa.select(ReferenceItem).order_by(ReferenceItem.position, ReferenceItem.id)
    for item in db.session.scalars(query):
        lookup[item.kind][item.code] = item
    return lookup


def save_reference_item(item: ReferenceItem, data: dict) -> ReferenceItem:
    """Create or change a reference entry; codes are unique within their list."""
    clash = db.session.scalar(
        sa.select(ReferenceItem.id).where(
            ReferenceItem.kind == item.kind, ReferenceItem.code == data["code"], ReferenceItem.id != item.id
        )
    )
    if clash is not None:
        raise DomainError("code", _("This list already has an entry with this code."))
    for name in ("code", "label", "title", "position", "is_active"):
        setattr(item, name, data[name])
    db.session.add(item)
    db.session.flush()
    return item


# ---- queries

#: what a list of notes shows of each: its owner, its submissions, and its team (for the Edit and Copy buttons)
NOTE_LIST_LOADS = (
    selectinload(ConceptNote.owner),
    selectinload(ConceptNote.submissions),
    selectinload(ConceptNote.collaborators),
)


def notes_of(user: User) -> list[ConceptNote]:
    """The notes a user owns or was invited to, newest first."""
    collaborating = sa.select(Collaborator.note_id).where(Collaborator.user_id == user.id)
    query = (
        sa.select(ConceptNote)
        .where(sa.or_(ConceptNote.owner_id == user.id, ConceptNote.id.in_(collaborating)))
        .order_by(ConceptNote.updated_at.desc(), ConceptNote.id.desc())
        .options(*NOTE_LIST_LOADS)
    )
    return list(db.session.scalars(query))


def reviewable_notes(*, statuses=None) -> list[ConceptNote]:
    """Notes that were submitted at least once (reviewers never see drafts), newest first."""
    query = sa.select(ConceptNote).where(ConceptNote.status != NoteStatus.DRAFT).options(*NOTE_LIST_LOADS)
    if statuses:
        query = query.where(ConceptNote.status.in_(statuses))
    return list(db.session.scalars(query.order_by(ConceptNote.updated_at.desc(), ConceptNote.id.desc())))


def is_team_member(note: ConceptNote, user: User) -> bool:
    """Owner or invited collaborator."""
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
    db.session.flush()
    return note


def _copy_value(value):
    return list(value) if isinstance(value, list) else value


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
    "duration_months",
    "planned_start_on",
    "gender_marker",
    "gender_justification",
    "human_rights_marker",
    "human_rights_justification",
    "child_marker",
    "child_justification",
    "contact_name",
    "contact_organisation",
    "contact_email",
)


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
    for name in COVER_FIELDS:
        if name in data:
            value = data[name]
            setattr(note, name, value.strip() if isinstance(value, str) else value)
    for line in list(note.budget_lines):
        if line.organisation not in note.organisations:
            note.budget_lines.remove(line)
    for indicator in note.indicators:
        if indicator.responsible_organisation not in note.organisations:
            indicator.responsible_organisation = None
    note.updated_at = utcnow()
    db.session.flush()
    return note


class SectionConflict(DomainError):
    """The section was saved by someone else after the text was opened: nothing was saved. `theirs` and
    `version` are what is saved now, for the writer to reconcile with their own text."""

    def __init__(self, section: NoteSection | None):
        super().__init__("body", CONFLICT_MESSAGE)
        self.theirs = section.body if section is not None else ""
        self.version = section.version if section is not None else 0


def _section(note: ConceptNote, key: str) -> NoteSection | None:
    return next((s for s in note.sections if s.key == key), None)


def section_version(note: ConceptNote, key: str) -> int:
    """The version a section's editor opens at: 0 while the section was never saved."""
    section = _section(note, key)
    return section.version if section is not None else 0


def save_section(note: ConceptNote, key: str, body: str, *, opened: int | None) -> NoteSection:
    """Save one narrative section's Markdown, stripped of raw HTML. `opened` is the section's version the text was
    written against (section_version); when someone saved the section since, SectionConflict, and nothing is
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


def budget_for(note: ConceptNote, rate: Decimal) -> Budget:
    """The note's budget table with line 8 and the totals computed."""
    categories = [item.code for item in reference_items(ReferenceKind.BUDGET_CATEGORY)]
    amounts = {(line.organisation, line.category): line.amount for line in note.budget_lines}
    return compute_budget(note.organisations, categories, amounts, rate)


def save_budget(note: ConceptNote, amounts: dict) -> None:
    """Store the amounts of lines 1-7, {(organisation, category): Decimal}; zero or empty removes a line."""
    _require_editable(note)
    for (organisation, category), amount in amounts.items():
        if amount is not None and amount < 0:
            raise DomainError(f"{organisation}-{category}", _("Amounts cannot be negative."))
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


RESULT_MODELS = {"outcome": Outcome, "output": Output, "indicator": Indicator}


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


def _email_key(email: str) -> str:
    return email.strip().lower()


def invite_collaborator(note: ConceptNote, email: str, *, actor: User) -> Invitation:
    """Invite whoever signs in with an applicant account of `email` to edit the note; only the owner invites.
    Whether such an account exists is never told: the invitation waits until someone accepts it."""
    if actor.id != note.owner_id:
        raise DomainError("email", _("Only the owner of the note can invite collaborators."))
    key = _email_key(email)
    team = [note.owner, *(collaborator.user for collaborator in note.collaborators)]
    if any(_email_key(member.email) == key for member in team):
        raise DomainError("email", _("%(email)s already works on this note.", email=email.strip()))
    if any(invitation.email_key == key for invitation in note.invitations):
        raise DomainError("email", _("%(email)s is already invited.", email=email.strip()))
    invitation = Invitation(email=email.strip(), email_key=key, invited_by_id=actor.id)
    note.invitations.append(invitation)
    db.session.flush()
    return invitation


def invitations_of(user: User) -> list[Invitation]:
    """The invitations waiting for an applicant account, by its e-mail address."""
    if user.role != Role.APPLICANT:
        return []
    query = sa.select(Invitation).where(Invitation.email_key == _email_key(user.email)).order_by(Invitation.id)
    return list(db.session.scalars(query.options(selectinload(Invitation.note).selectinload(ConceptNote.owner))))


def invitation_for(invitation_id: int, user: User) -> Invitation | None:
    """An invitation addressed to this user's e-mail address, or None."""
    invitation = db.session.get(Invitation, invitation_id)
    return invitation if invitation is not None and invitation in invitations_of(user) else None


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
    if actor.id != invitation.note.owner_id and invitation not in invitations_of(actor):
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


# ---- size, PDF, submission and review


def words_by_section(note: ConceptNote) -> dict:
    """Words in each narrative section."""
    return {key: word_count(note.section_text(key)) for key in SECTION_KEYS}


def estimate_pages(note: ConceptNote) -> float:
    """A quick estimate of the PDF's length, for the editor: cover, narrative words and table rows."""
    words = sum(words_by_section(note).values())
    rows = len(note.outcomes) + len(note.outputs) + 2 * len(note.indicators) + 1.5 * len(note.risks)
    return round(1.2 + words / WORDS_PER_PAGE + rows / 22 + 0.45, 1)


def note_pdf_html(note: ConceptNote, *, rate: Decimal) -> str:
    """The note as the HTML document the PDF is made from, in the note's language."""
    with force_locale(note.language or "en"):
        page_of = _css_string(_("Page %(page)s of %(pages)s", page="\x00", pages="\x01"))
        return render_template(
            "pdf/concept_note.html",
            note=note,
            budget=budget_for(note, rate),
            rate=rate,
            reference=reference_lookup(),
            sections=[(key, SECTION_TITLES[key], render_markdown(note.section_text(key))) for key in SECTION_KEYS],
            draft=note.status != NoteStatus.ENDORSED,
            today=date.today(),
            # our own translated words, CSS-quoted; no user text reaches the stylesheet
            page_of=Markup(page_of.replace("\x00", '" counter(page) "').replace("\x01", '" counter(pages) "')),  # noqa: S704
            fund_label=Markup(_css_string(_("M-MPTF joint programme concept note"))),  # noqa: S704
            show_kosovo=mentions_kosovo(note.countries),
        )


def render_note_pdf(note: ConceptNote, *, rate: Decimal) -> tuple[bytes, int]:
    """The note as a PDF in its own language; returns the bytes and the page count."""
    return html_to_pdf_with_pages(note_pdf_html(note, rate=rate), static_folder=current_app.static_folder)


def _css_string(text: str) -> str:
    """A CSS string literal holding `text`, safe inside a <style> element."""
    escaped = str(text).replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace("\n", " ")
    return f'"{escaped}"'


def submit_note(note: ConceptNote, *, actor: User, rate: Decimal) -> Submission:
    """Freeze the note: record an immutable snapshot and make it read-only for the team."""
    _require_editable(note)
    number = len(note.submissions) + 1
    submission = Submission(number=number, submitted_by=actor, snapshot=snapshot(note, rate=rate))
    note.submissions.append(submission)
    note.status = NoteStatus.SUBMITTED
    note.updated_at = utcnow()
    db.session.flush()
    return submission


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
    return submission


def snapshot(note: ConceptNote, *, rate: Decimal) -> dict:
    """The whole note as JSON-ready data, plus a readable text of each part for comparisons."""
    budget = budget_for(note, rate)
    cover = {}
    for name in COVER_FIELDS:
        value = getattr(note, name)
        cover[name] = value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)
        if isinstance(value, list):
            cover[name] = list(value)
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
    texts["budget_table"] = "\n".join(
        [f"{line['organisation']} {line['category']}: {line['amount']}" for line in lines]
        + [f"{o} 8: {budget.indirect[o]}" for o in budget.organisations]
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
        "rate": str(rate),
        "total": str(budget.total),
        "texts": texts,
    }


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
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
