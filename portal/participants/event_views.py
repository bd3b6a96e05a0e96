"""The event-scoped participant routes, under /events/<id>/…: who attends (search, register, mark attended,
remove), importing a registration list, certificates of attendance and the participant lists. The people pages
themselves are in views.py."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.access import PERSONAL_DATA, allow, fresh_login_required
from portal.audit.services import record_event
from portal.db import get_or_404
from portal.errors import DomainError
from portal.events.models import Event, EventType
from portal.extensions import db
from portal.participants import documents, importing, queries, services
from portal.participants.downloads import download
from portal.participants.forms import EVENT_SEARCH_KEY, AttendanceAddForm, ImportUploadForm, PeopleSearchForm
from portal.participants.models import Person, RegistrationUpload
from portal.pdf import render_pdf

bp = Blueprint("event_participants", __name__)
#: registered by create_app
BLUEPRINTS = (bp,)

# Attendance on an event's page


def _back_to_event(event: Event):
    return redirect(url_for("events.detail", event_id=event.id, _anchor="attendance"))


@bp.route("/events/<int:event_id>/attendance/search", methods=["POST"])
@allow(PERSONAL_DATA)
def search_for_event(event_id):
    event = get_or_404(Event, event_id)
    form = PeopleSearchForm(prefix="find")
    if form.validate_on_submit():
        searches = {key: q for key, q in session.get(EVENT_SEARCH_KEY, {}).items() if key != str(event.id)}
        searches[str(event.id)] = (form.q.data or "").strip()
        session[EVENT_SEARCH_KEY] = dict(list(searches.items())[-5:])
    return _back_to_event(event)


@bp.route("/events/<int:event_id>/attendance", methods=["POST"])
@allow(PERSONAL_DATA)
def add_attendance(event_id):
    event = get_or_404(Event, event_id)
    form = AttendanceAddForm(prefix="add")
    if form.validate_on_submit():
        person = get_or_404(Person, form.person_id.data)
        if person.erased_at is not None:
            abort(404)
        try:
            services.add_attendance(
                event, person, role=form.role.data, mode=form.mode.data, attended=form.attended.data
            )
        except DomainError as error:
            flash(error.message, "warning")
        else:
            db.session.commit()
            flash(_("%(name)s is registered.", name=person.full_name), "success")
    else:
        flash(_("Choose a person to register."), "warning")
    return _back_to_event(event)


@bp.route("/events/<int:event_id>/attendance/update", methods=["POST"])
@allow(PERSONAL_DATA)
def update_attendance(event_id):
    event = get_or_404(Event, event_id)
    ids = [int(i) for i in request.form.getlist("attendance_ids") if i.isdigit()]
    action = request.form.get("action")
    if not ids:
        flash(_("Select at least one person."), "warning")
    elif action in ("attended", "not_attended"):
        changed = services.mark_attended(event, ids, attended=action == "attended")
        db.session.commit()
        flash(_("Attendance updated for %(n)d people.", n=changed), "success")
    elif action == "remove":
        for attendance in [a for a in event.attendances if a.id in ids]:
            services.remove_attendance(attendance)
        db.session.commit()
        flash(_("Removed from the list."), "success")
    return _back_to_event(event)


# Importing a registration list


def _upload_or_404(event: Event, token: str) -> RegistrationUpload:
    upload = queries.registration_upload(token)
    if upload is None or upload.event_id != event.id or upload.user_id != current_user.id:
        abort(404)
    return upload


def _file_of(form: ImportUploadForm) -> tuple[str, bytes]:
    storage = form.file.data
    return storage.filename or "", storage.read(importing.MAX_BYTES + 1)


@bp.route("/events/<int:event_id>/import", methods=["POST"])
@allow(PERSONAL_DATA)
def import_upload(event_id):
    event = get_or_404(Event, event_id)
    form = ImportUploadForm()
    if form.validate_on_submit():
        filename, content = _file_of(form)
        try:
            upload = importing.store_upload(event, filename=filename, content=content, actor=current_user)
        except DomainError as error:
            flash(error.message, "danger")
        else:
            db.session.commit()
            return redirect(url_for("event_participants.import_review", event_id=event.id, token=upload.token))
    else:
        flash(_("Choose an .xlsx or .csv file."), "warning")
    return _back_to_event(event)


@bp.route("/events/<int:event_id>/import/<token>", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def import_review(event_id, token):
    event = get_or_404(Event, event_id)
    upload = _upload_or_404(event, token)
    if request.method == "POST":
        importing.save_mapping(upload, {name: request.form.get(f"map-{name}") for name in importing.FIELD_NAMES})
        db.session.commit()
        return redirect(url_for("event_participants.import_review", event_id=event.id, token=token))
    try:
        preview = importing.preview_upload(upload)
    except DomainError as error:
        flash(error.message, "danger")
        return _back_to_event(event)
    missing = importing.missing_fields(preview.mapping)
    return render_template(
        "participants/import.html",
        event=event,
        upload=upload,
        preview=preview,
        missing=missing,
        fields=importing.FIELDS,
        upload_form=ImportUploadForm(),
    )


@bp.route("/events/<int:event_id>/import/<token>/file", methods=["POST"])
@allow(PERSONAL_DATA)
def import_replace(event_id, token):
    event = get_or_404(Event, event_id)
    upload = _upload_or_404(event, token)
    form = ImportUploadForm()
    if form.validate_on_submit():
        filename, content = _file_of(form)
        try:
            importing.replace_file(upload, filename=filename, content=content)
        except DomainError as error:
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("The corrected file replaces the previous one."), "success")
    return redirect(url_for("event_participants.import_review", event_id=event.id, token=token))


@bp.route("/events/<int:event_id>/import/<token>/commit", methods=["POST"])
@allow(PERSONAL_DATA)
def import_commit(event_id, token):
    event = get_or_404(Event, event_id)
    upload = _upload_or_404(event, token)
    try:
        counts = importing.commit_upload(upload, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
        return redirect(url_for("event_participants.import_review", event_id=event.id, token=token))
    db.session.commit()
    flash(
        _(
            "Imported: %(created)d new people, %(matched)d existing people registered, %(registered)d already "
            "registered.",
            created=counts["create"],
            matched=counts["match"],
            registered=counts["registered"],
        ),
        "success",
    )
    return _back_to_event(event)


# Documents


def _organiser() -> str | None:
    return current_app.config["ORGANISATION_NAME"]


def _training_or_404(event_id) -> Event:
    event = get_or_404(Event, event_id)
    if event.type != EventType.TRAINING:
        abort(404)
    return event


@bp.route("/events/<int:event_id>/certificates.pdf")
@allow(PERSONAL_DATA)
def certificates(event_id):
    event = _training_or_404(event_id)
    attendances = queries.event_attendances(event.id, attended_only=True)
    if not attendances:
        flash(_("No one is marked as having attended yet."), "warning")
        return _back_to_event(event)
    size = documents.CERTIFICATES_PER_FILE
    part = request.args.get("part", 1, type=int)
    chosen = attendances[(part - 1) * size : part * size] if part >= 1 else []
    if not chosen:
        abort(404)
    pdf = render_pdf("certificate.html", pages=documents.certificate_pages(event, chosen, _organiser()))
    suffix = f"-{part}" if len(attendances) > size else ""
    return download(pdf, "application/pdf", f"certificates-{event.ref}{suffix}.pdf")


@bp.route("/events/<int:event_id>/certificates/<int:person_id>.pdf")
@allow(PERSONAL_DATA)
def certificate(event_id, person_id):
    event = _training_or_404(event_id)
    attendance = queries.attended(event.id, person_id)
    if attendance is None:
        abort(404)
    pdf = render_pdf("certificate.html", pages=documents.certificate_pages(event, [attendance], _organiser()))
    return download(pdf, "application/pdf", f"certificate-{event.ref}-{attendance.person.ref}.pdf")


@bp.route("/events/<int:event_id>/participants.pdf")
@allow(PERSONAL_DATA)
@fresh_login_required
def participant_list_pdf(event_id):
    event = get_or_404(Event, event_id)
    rows = documents.participant_rows(queries.event_attendances(event.id))
    if len(rows) > documents.PDF_LIST_LIMIT:
        flash(_("The list is too long for a PDF: download it as XLSX."), "warning")
        return _back_to_event(event)
    pdf = render_pdf("participant_list.html", **documents.participant_list_context(event, rows))
    record_event("export", event, {"what": "participant list", "format": "pdf", "rows": len(rows)})
    db.session.commit()
    return download(pdf, "application/pdf", f"participants-{event.ref}.pdf")


@bp.route("/events/<int:event_id>/participants.xlsx")
@allow(PERSONAL_DATA)
@fresh_login_required
def participant_list_xlsx(event_id):
    event = get_or_404(Event, event_id)
    rows = documents.participant_rows(queries.event_attendances(event.id))
    content = documents.participant_list_xlsx(event, rows)
    record_event("export", event, {"what": "participant list", "format": "xlsx", "rows": len(rows)})
    db.session.commit()
    return download(
        content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"participants-{event.ref}.xlsx"
    )
