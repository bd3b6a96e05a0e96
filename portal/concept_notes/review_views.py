"""Submitting a note and reviewing it: the refusal with its reasons, the review queue, reviewers' comments and
decisions, and what changed since the previous submission. The routes belong to the concept-notes blueprint."""

from itertools import chain

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import APPLICANTS, NOTE_READERS, REVIEWERS, allow
from portal.concept_notes import documents, queries, services
from portal.concept_notes.forms import CommentForm, choices
from portal.concept_notes.models import NoteStatus
from portal.concept_notes.sections import COMMENT_TARGETS
from portal.concept_notes.views import bp, isc_rate, page_limits, problem_url, read_only, readable_note, team_note
from portal.errors import DomainError
from portal.extensions import db
from portal.form_saving import save_submitted

#: none of its own: its routes join the concept-notes blueprint, registered with views.py
BLUEPRINTS = ()


@bp.route("/review")
@allow(REVIEWERS)
def review_queue():
    notes = queries.reviewable_notes(statuses=[NoteStatus.SUBMITTED])
    return render_template("concept_notes/review_queue.html", notes=notes)


@bp.route("/<int:note_id>/changes")
@allow(NOTE_READERS)
def changes(note_id):
    note = readable_note(note_id)
    return render_template("concept_notes/changes.html", note=note, changes=queries.changes_since_previous(note))


@bp.route("/<int:note_id>/submit", methods=["POST"])
@allow(APPLICANTS)
def submit(note_id):
    note = team_note(note_id)
    if not note.is_editable:
        return read_only(note)
    limit, warning = page_limits()
    _document, pages = documents.render_note_pdf(note, rate=isc_rate())
    try:
        warnings = services.submit_note(
            note, actor=current_user, rate=isc_rate(), pages=pages, limit=limit, warning=warning
        )
    except services.SubmissionRefused as refused:
        return render_template(
            "concept_notes/refused.html",
            note=note,
            refusals=[p for p in refused.problems if p.blocking],
            pages=pages,
            warnings=[p for p in refused.problems if not p.blocking],
            problem_url=lambda problem: problem_url(note, problem),
        ), 422
    db.session.commit()
    flash(_("Concept note submitted (%(pages)d pages). The fund's managers will review it.", pages=pages), "success")
    for problem in warnings:
        flash(problem.message, "warning")
    return redirect(url_for("concept_notes.view", note_id=note.id))


@bp.route("/<int:note_id>/comments", methods=["POST"])
@allow(REVIEWERS)
def comment(note_id):
    note = readable_note(note_id)
    form = CommentForm()
    form.section.choices = choices(COMMENT_TARGETS)
    if not save_submitted(form, lambda values: services.add_comment(note, actor=current_user, **values)):
        for error in chain(form.form_errors, *(field.errors for field in form)):
            flash(error, "danger")
        return redirect(url_for("concept_notes.view", note_id=note.id))
    db.session.commit()
    flash(_("Comment added."), "success")
    return redirect(url_for("concept_notes.view", note_id=note.id, _anchor="comments"))


@bp.route("/<int:note_id>/decision", methods=["POST"])
@allow(REVIEWERS)
def decide(note_id):
    note = readable_note(note_id)
    decisions = {"return": NoteStatus.RETURNED, "endorse": NoteStatus.ENDORSED}
    decision = decisions.get(request.form.get("decision"))
    if decision is None:
        abort(400)
    try:
        services.decide(note, decision, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        message = (
            _("Returned to the applicants with your comments.")
            if decision == NoteStatus.RETURNED
            else _("Concept note endorsed.")
        )
        flash(message, "success")
    return redirect(url_for("concept_notes.view", note_id=note.id))
