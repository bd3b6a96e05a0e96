"""The concept-notes pages: the lists, reading a note and editing it. The note's team is in team_views.py,
submission and review in review_views.py, the admins' reference lists in reference_views.py; they add their
routes to `bp`, so every endpoint is concept_notes.<name>."""

from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import APPLICANTS, NOTE_READERS, allow
from portal.concept_notes import documents, queries, reference_lists, services
from portal.concept_notes.budget import programme_years
from portal.concept_notes.forms import (
    CommentForm,
    CoverForm,
    IndicatorForm,
    NewNoteForm,
    OutcomeForm,
    OutputForm,
    RiskForm,
    SectionForm,
    allocation_field,
    budget_form_class,
    choices,
    cover_form_class,
    principle_field,
)
from portal.concept_notes.markdown import render_markdown, word_count
from portal.concept_notes.models import ConceptNote, Indicator, Outcome, Output, ReferenceKind, Risk
from portal.concept_notes.sections import COMMENT_TARGETS, SECTION_KEYS, SECTION_TITLES, SECTIONS
from portal.concept_notes.validation import Problem, check_note
from portal.db import get_or_404
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import country_choices, mentions_kosovo
from portal.pdf import PdfRenderError

bp = Blueprint("concept_notes", __name__, url_prefix="/concept-notes")

RESULT_FORMS = {
    "outcome": (Outcome, OutcomeForm),
    "output": (Output, OutputForm),
    "indicator": (Indicator, IndicatorForm),
}


def isc_rate() -> Decimal:
    """The indirect support cost rate of line 8."""
    return Decimal(str(current_app.config["CONCEPT_NOTE_ISC_RATE"]))


def page_limits() -> tuple[int, int]:
    """The page count above which a note is refused, and the one above which it is warned."""
    return (int(current_app.config["CONCEPT_NOTE_PAGE_LIMIT"]), int(current_app.config["CONCEPT_NOTE_PAGE_WARNING"]))


def team_note(note_id) -> ConceptNote:
    """The note, when the current user owns it or was invited; 404 for everyone else."""
    note = get_or_404(ConceptNote, note_id)
    if not queries.is_team_member(note, current_user):
        abort(404)
    return note


def readable_note(note_id) -> ConceptNote:
    """The note, when the current user may read it; 404 for everyone else."""
    note = get_or_404(ConceptNote, note_id)
    if not queries.may_read(note, current_user):
        abort(404)
    return note


def read_only(note):
    """Back to the note's page: it is submitted or endorsed and cannot be changed."""
    flash(_("This note is %(status)s: it cannot be changed now.", status=note.status.label), "warning")
    return redirect(url_for("concept_notes.view", note_id=note.id))


def ensure_reference():
    """A new installation gets the shipped reference lists when someone first opens the notes."""
    if services.ensure_reference_data():
        db.session.commit()


#: the page on which each part of a note is edited
PART_ENDPOINTS = {
    "cover": "concept_notes.cover",
    "results_table": "concept_notes.results",
    "risks_table": "concept_notes.risks",
    "budget_table": "concept_notes.budget",
}


def problem_url(note: ConceptNote, problem: Problem) -> str:
    """Where a problem is fixed: the page of its part, at its field."""
    if problem.part in SECTION_KEYS:
        return url_for("concept_notes.section", note_id=note.id, key=problem.part, _anchor=problem.field)
    if problem.part in PART_ENDPOINTS:
        return url_for(PART_ENDPOINTS[problem.part], note_id=note.id, _anchor=problem.field)
    return url_for("concept_notes.view", note_id=note.id)


def editor_context(note: ConceptNote, current: str) -> dict:
    """What every page of the editor shows around its form: the rail, the problems, the size and the budget."""
    budget = queries.budget_for(note, isc_rate())
    problems = check_note(note, budget)
    blocked = {p.part for p in problems if p.blocking}
    rail = [("cover", _("Cover information"), url_for("concept_notes.cover", note_id=note.id))]
    rail += [
        (key, f"{n}. {title}", url_for("concept_notes.section", note_id=note.id, key=key))
        for n, (key, title) in enumerate(SECTIONS, start=1)
    ]
    limit, warning = page_limits()
    return {
        "note": note,
        "current": current,
        "rail": rail,
        "complete": {part: part not in blocked for part, _label, _url in rail},
        "tables_complete": {part: part not in blocked for part in ("results_table", "risks_table", "budget_table")},
        "problems": problems,
        "words": queries.words_by_section(note),
        "estimated_pages": queries.estimate_pages(note),
        "page_limit": limit,
        "page_warning": warning,
        "budget": budget,
        "by_outcome": queries.budget_by_outcome(note, isc_rate(), budget),
        "problem_url": lambda problem: problem_url(note, problem),
        "reference": reference_lists.lookup(),
        "rate": isc_rate(),
        "comments": [c for c in note.comments if c.section == current or current == "all"],
    }


@bp.errorhandler(PdfRenderError)
def _pdf_failed(error: PdfRenderError):
    flash(str(error.message), "danger")
    return redirect(url_for("concept_notes.view", note_id=request.view_args["note_id"]))


# ---- lists


@bp.route("/")
@allow(NOTE_READERS)
def index():
    ensure_reference()
    mine = current_user.role in APPLICANTS
    sort = queries.NOTE_SORTING.requested()
    notes = queries.notes_of(current_user, sort=sort) if mine else queries.reviewable_notes(sort=sort)
    invitations = queries.invitations_of(current_user)
    return render_template(
        "concept_notes/index.html", notes=notes, invitations=invitations, form=NewNoteForm(), sort=sort
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(APPLICANTS)
def create():
    ensure_reference()
    form = NewNoteForm()
    if note := save_submitted(form, lambda values: services.create_note(actor=current_user, **values)):
        db.session.commit()
        flash(_("Concept note started. It is saved as you type."), "success")
        return redirect(url_for("concept_notes.cover", note_id=note.id))
    return render_template("concept_notes/new.html", form=form)


@bp.route("/<int:note_id>/copy", methods=["POST"])
@allow(APPLICANTS)
def copy(note_id):
    source = team_note(note_id)
    note = services.copy_note(source, actor=current_user)
    db.session.commit()
    flash(_("A new draft was made from “%(title)s”.", title=source.title), "success")
    return redirect(url_for("concept_notes.cover", note_id=note.id))


# ---- reading


@bp.route("/<int:note_id>")
@allow(NOTE_READERS)
def view(note_id):
    note = readable_note(note_id)
    comment_form = CommentForm()
    comment_form.section.choices = choices(COMMENT_TARGETS)
    return render_template(
        "concept_notes/view.html",
        **editor_context(note, "all"),
        sections=documents.rendered_sections(note),
        is_team=queries.is_team_member(note, current_user),
        is_reviewer=queries.is_reviewer(current_user),
        comment_form=comment_form,
        comment_titles=dict(COMMENT_TARGETS),
        show_kosovo=mentions_kosovo(note.countries),
    )


@bp.route("/<int:note_id>/pdf")
@allow(NOTE_READERS)
def pdf(note_id):
    note = readable_note(note_id)
    document, _pages = documents.render_note_pdf(note, rate=isc_rate())
    return send_file(
        BytesIO(document), mimetype="application/pdf", as_attachment=True, download_name=f"concept-note-{note.id}.pdf"
    )


# ---- editing


#: blank rows offered below the partners and endorsements already recorded, and the fewest rows each table shows
BLANK_ROWS = 2
FEWEST_ROWS = {"partners": 5, "government_endorsements": 2}


def _cover_form(note: ConceptNote) -> tuple[CoverForm, list[str]]:
    """The cover form, and the codes of the guiding principles it has a text for."""
    cover_choices = reference_lists.cover_choices()
    form = cover_form_class(cover_choices["guiding_principles"], note.principle_applications or {})(obj=note)
    for name, pairs in cover_choices.items():
        form[name].choices = choices(pairs)
    form.sdg_targets.choices = choices(queries.sdg_target_choices())
    levels = reference_lists.marker_levels()
    for marker in (form.gender_marker, form.child_marker):
        marker.choices = choices(
            (choice.value, f"{choice.value} · {levels[choice.value]}" if choice.value in levels else choice.label)
            for choice in marker.choices
        )
    rights = queries.human_rights_levels()
    form.human_rights_marker.choices = choices(
        (choice.value, f"{choice.value} · {rights[choice.value]}" if choice.value in rights else choice.label)
        for choice in form.human_rights_marker.choices
    )
    if request.method == "GET":
        for name, fewest in FEWEST_ROWS.items():
            while len(form[name]) < max(len(getattr(note, name) or []) + BLANK_ROWS, fewest):
                form[name].append_entry()
    governments = choices([("", "—"), *country_choices()])
    for entry in form.government_endorsements:
        entry.form.country.choices = governments
    return form, [code for code, _label in cover_choices["guiding_principles"]]


@bp.route("/<int:note_id>/cover", methods=["GET", "POST"])
@allow(APPLICANTS)
def cover(note_id):
    note = team_note(note_id)
    if not note.is_editable:
        return read_only(note)
    form, principles = _cover_form(note)

    def save(values):
        applications = {code: values.pop(principle_field(code)) or "" for code in principles}
        return services.update_cover(note, {**values, "principle_applications": applications})

    if save_submitted(form, save, record=note):
        db.session.commit()
        flash(_("Cover information saved."), "success")
        return redirect(url_for("concept_notes.cover", note_id=note.id))
    context = editor_context(note, "cover")
    objectives = context["reference"][ReferenceKind.GCM_OBJECTIVE]
    return render_template(
        "concept_notes/cover.html",
        form=form,
        objectives=objectives,
        sdg_targets=context["reference"][ReferenceKind.SDG_TARGET],
        principle_fields=[form[principle_field(code)] for code in principles],
        **context,
    )


@bp.route("/<int:note_id>/sections/<key>", methods=["GET", "POST"])
@allow(APPLICANTS)
def section(note_id, key):
    note = team_note(note_id)
    if key not in SECTION_KEYS:
        abort(404)
    if not note.is_editable:
        return read_only(note)
    # a section has its own version, apart from the note's: a stale save shows both texts (SectionConflict)
    form = SectionForm(data={"body": note.section_text(key), "version": queries.section_version(note, key)})
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
    return render_template(
        "concept_notes/section.html",
        form=form,
        key=key,
        title=SECTION_TITLES[key],
        number=SECTION_KEYS.index(key) + 1,
        preview=render_markdown(form.body.data),
        theirs=theirs,
        guidance=queries.section_guidance().get(key),
        **editor_context(note, key),
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
    note = team_note(note_id)
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
        pages=format_decimal(queries.estimate_pages(note)),
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
    note = team_note(note_id)
    if not note.is_editable:
        return read_only(note)
    categories = reference_lists.budget_categories()
    current = queries.budget_for(note, isc_rate())
    by_outcome = queries.budget_by_outcome(note, isc_rate(), current)
    outcomes, years = [o.id for o in note.outcomes], programme_years(note.duration_months)
    form_class = budget_form_class(note.organisations, categories, outcomes, years)
    saved = {f"{o}-{c}": current.amount(o, c) or None for o in note.organisations for c in categories}
    saved |= {allocation_field(o, y): by_outcome.amount(o, y) or None for o in outcomes for y in years}
    form = form_class(data=saved)

    def save(values):
        amounts = {(o, c): values[f"{o}-{c}"] for o in note.organisations for c in categories}
        allocations = {(o, y): values[allocation_field(o, y)] for o in outcomes for y in years}
        return services.save_budget(note, amounts, allocations)

    # the table's cells are not attributes of the note: a stale save compares them with the saved amounts
    record = SimpleNamespace(version=note.version, **saved)
    if save_submitted(form, save, record=record):
        db.session.commit()
        flash(_("Budget saved."), "success")
        return redirect(url_for("concept_notes.budget", note_id=note.id))
    return render_template(
        "concept_notes/budget.html",
        form=form,
        categories=categories,
        allocation_field=allocation_field,
        # the browser formats the live totals as the server formats amounts: in the same locale
        number_locale=str(get_locale()).replace("_", "-"),
        **editor_context(note, "budget_table"),
    )


@bp.route("/<int:note_id>/results")
@allow(APPLICANTS)
def results(note_id):
    note = team_note(note_id)
    edit_forms, new_forms = {}, {}
    if note.is_editable:
        # the whole framework is edited here: a form per row, opened at the row's version, and one to add each kind
        organisations = reference_lists.organisations_of(note)
        for kind, rows in (("outcome", note.outcomes), ("output", note.outputs), ("indicator", note.indicators)):
            for row in rows:
                edit_forms[(kind, row.id)] = _result_form(note, kind, row, organisations)
                edit_forms[(kind, row.id)].version.data = row.version
            new_forms[kind] = _result_form(note, kind, RESULT_FORMS[kind][0](), organisations)
    return render_template(
        "concept_notes/results.html",
        edit_forms=edit_forms,
        new_forms=new_forms,
        **editor_context(note, "results_table"),
    )


def _result_form(note, kind, item, organisations=None):
    form = RESULT_FORMS[kind][1](obj=item if item.id else None)
    if kind == "output":
        form.outcome_id.choices = choices(
            [("", _("— not yet placed —"))]
            + [(o.id, f"{n}. {o.display_statement[:80]}") for n, o in enumerate(note.outcomes, start=1)]
        )
    if kind == "indicator":
        form.output_id.choices = choices(
            [("", _("— not yet placed —"))] + [(o.id, o.statement[:80]) for o in note.outputs]
        )
        if organisations is None:
            organisations = reference_lists.organisations_of(note)
        form.responsible_organisation.choices = choices([("", "—"), *organisations])
    return form


def _note_item(note: ConceptNote, model, item_id):
    """The outcome, output, indicator or risk `item_id` of the note; 404 when it belongs to another note."""
    item = get_or_404(model, item_id)
    if item.note_id != note.id:
        abort(404)
    return item


@bp.route("/<int:note_id>/results/<kind>/new", methods=["GET", "POST"])
@bp.route("/<int:note_id>/results/<kind>/<int:item_id>", methods=["GET", "POST"])
@allow(APPLICANTS)
def result_item(note_id, kind, item_id=None):
    note = team_note(note_id)
    if kind not in RESULT_FORMS:
        abort(404)
    model = RESULT_FORMS[kind][0]
    item = model() if item_id is None else _note_item(note, model, item_id)
    if not note.is_editable:
        return read_only(note)
    form = _result_form(note, kind, item)
    record = item if item.id else None
    if save_submitted(form, lambda values: services.save_result(note, item, values), record=record):
        db.session.commit()
        flash(_("Results framework saved."), "success")
        return redirect(url_for("concept_notes.results", note_id=note.id))
    return render_template(
        "concept_notes/result_form.html", form=form, kind=kind, item=item, **editor_context(note, "results_table")
    )


@bp.route("/<int:note_id>/results/<kind>/<int:item_id>/delete", methods=["POST"])
@allow(APPLICANTS)
def delete_result(note_id, kind, item_id):
    note = team_note(note_id)
    if kind not in RESULT_FORMS:
        abort(404)
    item = _note_item(note, RESULT_FORMS[kind][0], item_id)
    if not note.is_editable:
        return read_only(note)
    services.delete_result(note, item)
    db.session.commit()
    flash(_("Removed from the results framework."), "success")
    return redirect(url_for("concept_notes.results", note_id=note.id))


@bp.route("/<int:note_id>/risks", methods=["GET", "POST"])
@bp.route("/<int:note_id>/risks/<int:risk_id>", methods=["GET", "POST"])
@allow(APPLICANTS)
def risks(note_id, risk_id=None):
    note = team_note(note_id)
    risk = Risk() if risk_id is None else _note_item(note, Risk, risk_id)
    if not note.is_editable:
        return read_only(note)
    form = RiskForm(obj=risk if risk.id else None)
    if save_submitted(form, lambda values: services.save_risk(note, risk, values), record=risk if risk.id else None):
        db.session.commit()
        flash(_("Risks table saved."), "success")
        return redirect(url_for("concept_notes.risks", note_id=note.id))
    return render_template("concept_notes/risks.html", form=form, risk=risk, **editor_context(note, "risks_table"))


@bp.route("/<int:note_id>/risks/<int:risk_id>/delete", methods=["POST"])
@allow(APPLICANTS)
def delete_risk(note_id, risk_id):
    note = team_note(note_id)
    risk = _note_item(note, Risk, risk_id)
    if not note.is_editable:
        return read_only(note)
    services.delete_result(note, risk)
    db.session.commit()
    flash(_("Risk removed."), "success")
    return redirect(url_for("concept_notes.risks", note_id=note.id))
