from decimal import Decimal
from io import BytesIO

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import ADMINS, APPLICANTS, NOTE_READERS, REVIEWERS, allow
from portal.accounts.models import Role
from portal.concept_notes import services
from portal.concept_notes.forms import (
    CommentForm,
    CoverForm,
    IndicatorForm,
    InviteForm,
    NewNoteForm,
    OutcomeForm,
    OutputForm,
    ReferenceItemForm,
    RiskForm,
    SectionForm,
    budget_form_class,
    choices,
)
from portal.concept_notes.markdown import render_markdown, word_count
from portal.concept_notes.models import (
    ConceptNote,
    Indicator,
    NoteStatus,
    Outcome,
    Output,
    ReferenceItem,
    ReferenceKind,
    Risk,
)
from portal.concept_notes.sections import COMMENT_TARGETS, SECTION_KEYS, SECTION_TITLES, SECTIONS
from portal.concept_notes.validation import check_note, page_problems
from portal.concurrency import unchanged_since_opened
from portal.db import get_or_404
from portal.errors import DomainError, apply_domain_error
from portal.extensions import db
from portal.form_saving import form_values
from portal.i18n import country_choices, mentions_kosovo
from portal.pdf import PdfRenderError

bp = Blueprint("concept_notes", __name__, url_prefix="/concept-notes")

RESULT_FORMS = {
    "outcome": (Outcome, OutcomeForm),
    "output": (Output, OutputForm),
    "indicator": (Indicator, IndicatorForm),
}


def _rate() -> Decimal:
    return Decimal(str(current_app.config["CONCEPT_NOTE_ISC_RATE"]))


def _page_limits() -> tuple[int, int]:
    return (int(current_app.config["CONCEPT_NOTE_PAGE_LIMIT"]), int(current_app.config["CONCEPT_NOTE_PAGE_WARNING"]))


def _team_note(note_id) -> ConceptNote:
    """The note, when the current user owns it or was invited; 404 for everyone else."""
    note = get_or_404(ConceptNote, note_id)
    if not services.is_team_member(note, current_user):
        abort(404)
    return note


def _readable_note(note_id) -> ConceptNote:
    note = get_or_404(ConceptNote, note_id)
    if not services.may_read(note, current_user):
        abort(404)
    return note


def _read_only(note):
    flash(_("This note is %(status)s: it cannot be changed now.", status=note.status.label), "warning")
    return redirect(url_for("concept_notes.view", note_id=note.id))


def _ensure_reference():
    if services.ensure_reference_data():
        db.session.commit()


def _editor_context(note: ConceptNote, current: str) -> dict:
    budget = services.budget_for(note, _rate())
    problems = check_note(note, budget)
    blocked = {p.part for p in problems if p.blocking}
    rail = [("cover", _("Cover information"), url_for("concept_notes.cover", note_id=note.id))]
    rail += [
        (key, f"{n}. {title}", url_for("concept_notes.section", note_id=note.id, key=key))
        for n, (key, title) in enumerate(SECTIONS, start=1)
    ]
    return {
        "note": note,
        "current": current,
        "rail": rail,
        "complete": {part: part not in blocked for part, _label, _url in rail},
        "tables_complete": {part: part not in blocked for part in ("results_table", "risks_table", "budget_table")},
        "problems": problems,
        "words": services.words_by_section(note),
        "estimated_pages": services.estimate_pages(note),
        "page_limit": _page_limits()[0],
        "page_warning": _page_limits()[1],
        "budget": budget,
        "reference": services.reference_lookup(),
        "rate": _rate(),
        "comments": [c for c in note.comments if c.section == current or current == "all"],
    }


# ---- lists


@bp.route("/")
@allow(NOTE_READERS)
def index():
    _ensure_reference()
    mine = current_user.role == Role.APPLICANT
    notes = services.notes_of(current_user) if mine else services.reviewable_notes()
    invitations = services.invitations_of(current_user)
    return render_template("concept_notes/index.html", notes=notes, invitations=invitations, form=NewNoteForm())


@bp.route("/review")
@allow(REVIEWERS)
def review_queue():
    notes = services.reviewable_notes(statuses=[NoteStatus.SUBMITTED])
    return render_template("concept_notes/review_queue.html", notes=notes)


@bp.route("/new", methods=["GET", "POST"])
@allow(APPLICANTS)
def create():
    _ensure_reference()
    form = NewNoteForm()
    if form.validate_on_submit():
        note = services.create_note(actor=current_user, title=form.title.data, language=form.language.data)
        db.session.commit()
        flash(_("Concept note started. It is saved as you type."), "success")
        return redirect(url_for("concept_notes.cover", note_id=note.id))
    return render_template("concept_notes/new.html", form=form)


@bp.route("/<int:note_id>/copy", methods=["POST"])
@allow(APPLICANTS)
def copy(note_id):
    source = _team_note(note_id)
    note = services.copy_note(source, actor=current_user)
    db.session.commit()
    flash(_("A new draft was made from “%(title)s”.", title=source.title), "success")
    return redirect(url_for("concept_notes.cover", note_id=note.id))


# ---- reading


@bp.route("/<int:note_id>")
@allow(NOTE_READERS)
def view(note_id):
    note = _readable_note(note_id)
    context = _editor_context(note, "all")
    context["sections"] = [(key, SECTION_TITLES[key], render_markdown(note.section_text(key))) for key in SECTION_KEYS]
    context["is_team"] = services.is_team_member(note, current_user)
    context["is_reviewer"] = services.is_reviewer(current_user)
    comment_form = CommentForm()
    comment_form.section.choices = choices(COMMENT_TARGETS)
    context["comment_form"] = comment_form
    context["comment_titles"] = dict(COMMENT_TARGETS)
    context["show_kosovo"] = mentions_kosovo(note.countries)
    return render_template("concept_notes/view.html", **context)


@bp.route("/<int:note_id>/pdf")
@allow(NOTE_READERS)
def pdf(note_id):
    note = _readable_note(note_id)
    try:
        document, _pages = services.render_note_pdf(note, rate=_rate())
    except PdfRenderError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("concept_notes.view", note_id=note.id))
    return send_file(
        BytesIO(document), mimetype="application/pdf", as_attachment=True, download_name=f"concept-note-{note.id}.pdf"
    )


@bp.route("/<int:note_id>/changes")
@allow(NOTE_READERS)
def changes(note_id):
    note = _readable_note(note_id)
    return render_template("concept_notes/changes.html", note=note, changes=services.changes_since_previous(note))


# ---- editing


@bp.route("/<int:note_id>/cover", methods=["GET", "POST"])
@allow(APPLICANTS)
def cover(note_id):
    note = _team_note(note_id)
    if not note.is_editable:
        return _read_only(note)
    reference = services.reference_lookup()
    form = CoverForm(obj=note)
    form.countries.choices = choices(country_choices())
    organisations = [(i.code, i.display_label) for i in services.reference_items(ReferenceKind.UN_ORGANISATION)]
    form.organisations.choices = choices(organisations)
    form.lead_organisation.choices = choices([("", "—"), *organisations])
    form.thematic_area.choices = choices(
        [("", "—")]
        + [
            (i.code, f"{i.code}. {i.display_title or i.display_label}")
            for i in services.reference_items(ReferenceKind.THEMATIC_AREA)
        ]
    )
    form.gcm_objectives.choices = choices(
        (i.code, f"{i.code}. {i.display_label}") for i in services.reference_items(ReferenceKind.GCM_OBJECTIVE)
    )
    form.guiding_principles.choices = choices(
        (i.code, i.display_label) for i in services.reference_items(ReferenceKind.GUIDING_PRINCIPLE)
    )
    levels = {i.code: i.display_label for i in services.reference_items(ReferenceKind.MARKER_LEVEL)}
    for marker in (form.gender_marker, form.human_rights_marker, form.child_marker):
        marker.choices = choices(
            (choice.value, f"{choice.value} · {levels[choice.value]}" if choice.value in levels else choice.label)
            for choice in marker.choices
        )
    if request.method == "GET":
        form.version.data = note.version
    if form.validate_on_submit() and unchanged_since_opened(form, note):
        data = form_values(form)
        try:
            services.update_cover(note, data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Cover information saved."), "success")
            return redirect(url_for("concept_notes.cover", note_id=note.id))
    context = _editor_context(note, "cover")
    return render_template(
        "concept_notes/cover.html", form=form, objectives=reference[ReferenceKind.GCM_OBJECTIVE], **context
    )


@bp.route("/<int:note_id>/sections/<key>", methods=["GET", "POST"])
@allow(APPLICANTS)
def section(note_id, key):
    note = _team_note(note_id)
    if key not in SECTION_KEYS:
        abort(404)
    if not note.is_editable:
        return _read_only(note)
    form = SectionForm(data={"body": note.section_text(key), "version": services.section_version(note, key)})
    theirs = None
    if form.validate_on_submit():
        try:
            services.save_section(note, key, form.body.data, opened=_opened(form.version.data))
        except services.SectionConflict as conflict:
            # the editor keeps this writer's text; the other text is shown to reconcile, and saving again keeps
            # this one
            theirs, form.version.data = conflict.theirs, conflict.version
            form.form_errors.append(conflict.message)
        else:
            db.session.commit()
            flash(_("Section saved."), "success")
            return redirect(url_for("concept_notes.section", note_id=note.id, key=key))
    context = _editor_context(note, key)
    return render_template(
        "concept_notes/section.html",
        form=form,
        key=key,
        title=SECTION_TITLES[key],
        number=SECTION_KEYS.index(key) + 1,
        preview=render_markdown(form.body.data),
        theirs=theirs,
        **context,
    )


def _opened(version) -> int | None:
    """The section version an editor sent, or None when it sent none (which never matches)."""
    try:
        return int(version)
    except (TypeError, ValueError):
        return None


@bp.route("/<int:note_id>/autosave", methods=["POST"])
@allow(APPLICANTS)
def autosave(note_id):
    note = _team_note(note_id)
    payload = request.get_json(silent=True) or {}
    key, body = payload.get("section"), payload.get("body")
    if key not in SECTION_KEYS or not isinstance(body, str) or len(body) > 60000:
        return jsonify(error=_("Nothing saved: the request was not understood.")), 400
    if not note.is_editable:
        return jsonify(error=_("This note is %(status)s: it cannot be changed now.", status=note.status.label)), 409
    try:
        section = services.save_section(note, key, body, opened=_opened(payload.get("version")))
    except services.SectionConflict as conflict:
        return jsonify(
            conflict=True, error=str(conflict.message), theirs=conflict.theirs, version=conflict.version
        ), 409
    db.session.commit()
    return jsonify(
        saved=True,
        version=section.version,
        words=word_count(body),
        pages=format_decimal(services.estimate_pages(note)),
    )


@bp.route("/preview", methods=["POST"])
@allow(APPLICANTS)
def preview():
    payload = request.get_json(silent=True) or {}
    text = payload.get("text")
    if not isinstance(text, str) or len(text) > 60000:
        return jsonify(error=_("Nothing to preview.")), 400
    return jsonify(html=render_markdown(text), words=word_count(text))


@bp.route("/<int:note_id>/budget", methods=["GET", "POST"])
@allow(APPLICANTS)
def budget(note_id):
    note = _team_note(note_id)
    if not note.is_editable:
        return _read_only(note)
    categories = [i.code for i in services.reference_items(ReferenceKind.BUDGET_CATEGORY)]
    form_class = budget_form_class(note.organisations, categories)
    current = services.budget_for(note, _rate())
    form = form_class(data={f"{o}-{c}": current.amount(o, c) or None for o in note.organisations for c in categories})
    if request.method == "GET":
        form.version.data = note.version
    if form.validate_on_submit() and unchanged_since_opened(form, note):
        amounts = {(o, c): form[f"{o}-{c}"].data for o in note.organisations for c in categories}
        try:
            services.save_budget(note, amounts)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Budget saved."), "success")
            return redirect(url_for("concept_notes.budget", note_id=note.id))
    context = _editor_context(note, "budget_table")
    return render_template("concept_notes/budget.html", form=form, categories=categories, **context)


@bp.route("/<int:note_id>/results")
@allow(APPLICANTS)
def results(note_id):
    note = _team_note(note_id)
    return render_template("concept_notes/results.html", **_editor_context(note, "results_table"))


def _result_form(note, kind, item):
    form = RESULT_FORMS[kind][1](obj=item if item.id else None)
    if kind == "output":
        form.outcome_id.choices = choices(
            [("", _("— not yet placed —"))]
            + [(o.id, f"{n}. {o.statement[:80]}") for n, o in enumerate(note.outcomes, start=1)]
        )
    if kind == "indicator":
        form.output_id.choices = choices(
            [("", _("— not yet placed —"))] + [(o.id, o.statement[:80]) for o in note.outputs]
        )
        organisations = services.reference_lookup()[ReferenceKind.UN_ORGANISATION]
        form.responsible_organisation.choices = choices(
            [("", "—")]
            + [
                (code, organisations[code].display_label if code in organisations else code)
                for code in note.organisations
            ]
        )
    return form


@bp.route("/<int:note_id>/results/<kind>/new", methods=["GET", "POST"])
@bp.route("/<int:note_id>/results/<kind>/<int:item_id>", methods=["GET", "POST"])
@allow(APPLICANTS)
def result_item(note_id, kind, item_id=None):
    note = _team_note(note_id)
    if kind not in RESULT_FORMS:
        abort(404)
    model = RESULT_FORMS[kind][0]
    item = model() if item_id is None else get_or_404(model, item_id)
    if item.id is not None and item.note_id != note.id:
        abort(404)
    if not note.is_editable:
        return _read_only(note)
    form = _result_form(note, kind, item)
    if request.method == "GET" and item.id is not None:
        form.version.data = item.version
    if form.validate_on_submit() and (item.id is None or unchanged_since_opened(form, item)):
        data = form_values(form)
        try:
            services.save_result(note, item, data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Results framework saved."), "success")
            return redirect(url_for("concept_notes.results", note_id=note.id))
    return render_template(
        "concept_notes/result_form.html", form=form, kind=kind, item=item, **_editor_context(note, "results_table")
    )


@bp.route("/<int:note_id>/results/<kind>/<int:item_id>/delete", methods=["POST"])
@allow(APPLICANTS)
def delete_result(note_id, kind, item_id):
    note = _team_note(note_id)
    if kind not in RESULT_FORMS:
        abort(404)
    item = get_or_404(RESULT_FORMS[kind][0], item_id)
    if item.note_id != note.id:
        abort(404)
    if not note.is_editable:
        return _read_only(note)
    services.delete_result(note, item)
    db.session.commit()
    flash(_("Removed from the results framework."), "success")
    return redirect(url_for("concept_notes.results", note_id=note.id))


@bp.route("/<int:note_id>/risks", methods=["GET", "POST"])
@bp.route("/<int:note_id>/risks/<int:risk_id>", methods=["GET", "POST"])
@allow(APPLICANTS)
def risks(note_id, risk_id=None):
    note = _team_note(note_id)
    risk = Risk() if risk_id is None else get_or_404(Risk, risk_id)
    if risk.id is not None and risk.note_id != note.id:
        abort(404)
    if not note.is_editable:
        return _read_only(note)
    form = RiskForm(obj=risk if risk.id else None)
    if request.method == "GET" and risk.id is not None:
        form.version.data = risk.version
    if form.validate_on_submit() and (risk.id is None or unchanged_since_opened(form, risk)):
        data = form_values(form)
        try:
            services.save_risk(note, risk, data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Risks table saved."), "success")
            return redirect(url_for("concept_notes.risks", note_id=note.id))
    return render_template("concept_notes/risks.html", form=form, risk=risk, **_editor_context(note, "risks_table"))


@bp.route("/<int:note_id>/risks/<int:risk_id>/delete", methods=["POST"])
@allow(APPLICANTS)
def delete_risk(note_id, risk_id):
    note = _team_note(note_id)
    risk = get_or_404(Risk, risk_id)
    if risk.note_id != note.id:
        abort(404)
    if not note.is_editable:
        return _read_only(note)
    services.delete_result(note, risk)
    db.session.commit()
    flash(_("Risk removed."), "success")
    return redirect(url_for("concept_notes.risks", note_id=note.id))


# ---- collaboration


@bp.route("/<int:note_id>/collaborators", methods=["GET", "POST"])
@allow(APPLICANTS)
def collaborators(note_id):
    note = _team_note(note_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            invitation = services.invite_collaborator(note, form.email.data, actor=current_user)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(
                _(
                    "%(email)s is invited. Whoever signs in with an applicant account of this address can accept "
                    "and then edit the note with you.",
                    email=invitation.email,
                ),
                "success",
            )
            return redirect(url_for("concept_notes.collaborators", note_id=note.id))
    return render_template("concept_notes/collaborators.html", form=form, **_editor_context(note, "collaborators"))


@bp.route("/<int:note_id>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@allow(APPLICANTS)
def withdraw_invitation(note_id, invitation_id):
    note = _team_note(note_id)
    invitation = next((i for i in note.invitations if i.id == invitation_id), None)
    if invitation is None:
        abort(404)
    try:
        services.withdraw_invitation(invitation, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Invitation withdrawn."), "success")
    return redirect(url_for("concept_notes.collaborators", note_id=note.id))


@bp.route("/invitations/<int:invitation_id>/accept", methods=["POST"])
@allow(APPLICANTS)
def accept_invitation(invitation_id):
    invitation = services.invitation_for(invitation_id, current_user) or abort(404)
    note = invitation.note
    services.accept_invitation(invitation, current_user)
    db.session.commit()
    flash(_("You can now edit “%(title)s”.", title=note.title), "success")
    return redirect(url_for("concept_notes.view", note_id=note.id))


@bp.route("/invitations/<int:invitation_id>/decline", methods=["POST"])
@allow(APPLICANTS)
def decline_invitation(invitation_id):
    invitation = services.invitation_for(invitation_id, current_user) or abort(404)
    services.withdraw_invitation(invitation, actor=current_user)
    db.session.commit()
    flash(_("Invitation declined."), "success")
    return redirect(url_for("concept_notes.index"))


@bp.route("/<int:note_id>/collaborators/<int:user_id>/remove", methods=["POST"])
@allow(APPLICANTS)
def remove_collaborator(note_id, user_id):
    note = _team_note(note_id)
    try:
        services.remove_collaborator(note, user_id, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Collaborator removed."), "success")
    return redirect(url_for("concept_notes.collaborators", note_id=note.id))


# ---- workflow


@bp.route("/<int:note_id>/submit", methods=["POST"])
@allow(APPLICANTS)
def submit(note_id):
    note = _team_note(note_id)
    if not note.is_editable:
        return _read_only(note)
    limit, warning = _page_limits()
    try:
        _document, pages = services.render_note_pdf(note, rate=_rate())
    except PdfRenderError as error:
        flash(str(error.message), "danger")
        return redirect(url_for("concept_notes.view", note_id=note.id))
    problems = check_note(note, services.budget_for(note, _rate())) + page_problems(pages, limit=limit, warning=warning)
    refusals = [p for p in problems if p.blocking]
    if refusals:
        return render_template(
            "concept_notes/refused.html",
            note=note,
            refusals=refusals,
            pages=pages,
            warnings=[p for p in problems if not p.blocking],
        ), 422
    services.submit_note(note, actor=current_user, rate=_rate())
    db.session.commit()
    flash(_("Concept note submitted (%(pages)d pages). The fund's managers will review it.", pages=pages), "success")
    for problem in problems:
        flash(problem.message, "warning")
    return redirect(url_for("concept_notes.view", note_id=note.id))


@bp.route("/<int:note_id>/comments", methods=["POST"])
@allow(REVIEWERS)
def comment(note_id):
    note = _readable_note(note_id)
    form = CommentForm()
    form.section.choices = choices(COMMENT_TARGETS)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(url_for("concept_notes.view", note_id=note.id))
    try:
        services.add_comment(note, actor=current_user, section=form.section.data, body=form.body.data)
    except DomainError as error:
        flash(error.message, "danger")
    else:
        db.session.commit()
        flash(_("Comment added."), "success")
    return redirect(url_for("concept_notes.view", note_id=note.id, _anchor="comments"))


@bp.route("/<int:note_id>/decision", methods=["POST"])
@allow(REVIEWERS)
def decide(note_id):
    note = _readable_note(note_id)
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


# ---- reference lists (admins)


@bp.route("/reference")
@allow(ADMINS)
def reference_items():
    _ensure_reference()
    lists = [(kind, services.reference_items(kind, active_only=False)) for kind in ReferenceKind]
    return render_template("concept_notes/reference.html", lists=lists)


@bp.route("/reference/<kind>/new", methods=["GET", "POST"])
@bp.route("/reference/item/<int:item_id>", methods=["GET", "POST"])
@allow(ADMINS)
def reference_item(kind=None, item_id=None):
    if item_id is not None:
        item = get_or_404(ReferenceItem, item_id)
    elif kind in {k.value for k in ReferenceKind}:
        item = ReferenceItem(kind=ReferenceKind(kind), is_active=True)
    else:
        abort(404)
    form = ReferenceItemForm(obj=item if item.id else None)
    if request.method == "GET" and item.id is not None:
        form.version.data = item.version
    if form.validate_on_submit() and (item.id is None or unchanged_since_opened(form, item)):
        data = form_values(form)
        data["title"] = data["title"] or ""
        data["position"] = data["position"] or 0
        try:
            services.save_reference_item(item, data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Reference list saved."), "success")
            return redirect(url_for("concept_notes.reference_items", _anchor=item.kind.value))
    return render_template("concept_notes/reference_item.html", form=form, item=item)
