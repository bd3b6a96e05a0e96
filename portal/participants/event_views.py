"""The event-scoped participant routes, under /events/<id>/…: who attends (search, register, mark attended,
remove), importing a registration list, certificates of attendance and the participant lists. The people pages
themselves are in views.py."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from portal.accounts.access import PERSONAL_DATA, allow, can, fresh_login_required
from portal.audit.services import record_event
from portal.db import get_or_404
from portal.errors import DomainError
from portal.events.models import Event, EventType
from portal.extensions import db
from portal.i18n import country_name, current_language
from portal.jobs.services import create_job
from portal.participants import documents, importing, queries, services, tasks
from portal.participants.downloads import download
from portal.participants.forms import EVENT_SEARCH_KEY, AttendanceAddForm, ImportUploadForm, PeopleSearchForm
from portal.participants.models import AttendanceMode, AttendanceRole, Gender, Person, RegistrationUpload, Sector
from portal.pdf import render_pdf
from portal.queue import enqueue_after_commit
from portal.signals import Section, event_page, participants_per_event

bp = Blueprint("event_participants", __name__)
#: registered by create_app
BLUEPRINTS = (bp,)

# Attendance on an event's page


@event_page.connect
def event_section(event: Event) -> Section:
    """The event page's participant count and breakdown; for those who may see people, its attendance list with the
    search, registration import, participant lists and certificates."""
    breakdown = queries.event_breakdown(db.session, event.id)
    context = {}
    if can(PERSONAL_DATA):
        attendances = queries.event_attendances(event.id)
        search = PeopleSearchForm(prefix="find")
        query = session.get(EVENT_SEARCH_KEY, {}).get(str(event.id), "")
        search.q.data = query
        present = {a.person_id for a in attendances}
        found = [p for p in queries.search_people(query, limit=20) if p.id not in present] if query else []
        add_form = AttendanceAddForm(prefix="add")
        add_form.role.data, add_form.mode.data = AttendanceRole.PARTICIPANT.value, ""
        context = {
            "attendances": attendances,
            "search": search,
            "found": found,
            "query": query,
            "add_form": add_form,
            "upload_form": ImportUploadForm(),
            "roles": list(AttendanceRole),
            "modes": list(AttendanceMode),
        }
    attended = breakdown.participants if breakdown.recorded else 0
    return Section.render(
        "participants/_event_section.html",
        countries=breakdown.by_country,
        event=event,
        breakdown=breakdown,
        is_training=event.type == EventType.TRAINING,
        certificate_files=-(-attended // documents.CERTIFICATES_PER_FILE),
        large_event=documents.LARGE_EVENT,
        certificates_per_file=documents.CERTIFICATES_PER_FILE,
        **_breakdown_labels(),
        **context,
    )


def _breakdown_labels() -> dict:
    def label(enum):
        return lambda key: _("Not recorded") if key == queries.NOT_RECORDED else enum(key).label

    return {
        "role_label": label(AttendanceRole),
        "gender_label": label(Gender),
        "sector_label": label(Sector),
        "country_label": lambda key: _("Not recorded") if key == queries.NOT_RECORDED else country_name(key),
    }


@participants_per_event.connect
def count_participants(event_ids) -> dict[int, int]:
    """How many took part in each of these events."""
    return queries.participant_counts(db.session, event_ids)


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
        counts = importing.commit_upload(upload, actor=current_user, updates=importing.chosen_updates(request.form))
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
    if counts["updated"]:
        updated = counts["updated"]
        flash(
            ngettext(
                "%(num)d person's record was updated from the file.",
                "%(num)d people's records were updated from the file.",
                updated,
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


def _prepare_instead(event: Event):
    flash(
        _("This event has many participants: its documents are prepared in the background, with the buttons below."),
        "info",
    )
    return _back_to_event(event)


@bp.route("/events/<int:event_id>/documents/<document>", methods=["POST"])
@allow(PERSONAL_DATA)
@fresh_login_required
def prepare_document(event_id, document):
    event = get_or_404(Event, event_id)
    if document not in documents.JOB_DOCUMENTS or (document == "certificates" and event.type != EventType.TRAINING):
        abort(404)
    kind, what = documents.JOB_DOCUMENTS[document]
    job = create_job(
        kind,
        user_id=current_user.id,
        language=current_language(),
        params={
            "event_id": event.id,
            "document": document,
            "title": event.ref,
            "audit": {"record": ["Event", event.id], "details": {"what": what, "document": document}},
        },
        personal_data=True,
    )
    enqueue_after_commit(tasks.prepare_event_document.s(job.id))
    db.session.commit()
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/events/<int:event_id>/certificates.pdf")
@allow(PERSONAL_DATA)
def certificates(event_id):
    event = _training_or_404(event_id)
    attendances = queries.event_attendances(event.id, attended_only=True)
    if not attendances:
        flash(_("No one is marked as having attended yet."), "warning")
        return _back_to_event(event)
    if documents.is_large(len(attendances)):
        return _prepare_instead(event)
    size = documents.CERTIFICATES_PER_FILE
    part = request.args.get("part", 1, type=int)
    chosen = attendances[(part - 1) * size : part * size] if part >= 1 else []
    if not chosen:
        abort(404)
    pdf = render_pdf("certificate.html", pages=documents.certificate_pages(event, chosen, _organiser()))
    # the certificate numbers given to those who had none
    db.session.commit()
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
    db.session.commit()
    return download(pdf, "application/pdf", f"certificate-{event.ref}-{attendance.person.ref}.pdf")


@bp.route("/events/<int:event_id>/participants.pdf")
@allow(PERSONAL_DATA)
@fresh_login_required
def participant_list_pdf(event_id):
    event = get_or_404(Event, event_id)
    rows = documents.participant_rows(queries.event_attendances(event.id))
    if documents.is_large(len(rows)):
        return _prepare_instead(event)
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
    if documents.is_large(len(rows)):
        return _prepare_instead(event)
    content = documents.participant_list_xlsx(event, rows)
    record_event("export", event, {"what": "participant list", "format": "xlsx", "rows": len(rows)})
    db.session.commit()
    return download(
        content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"participants-{event.ref}.xlsx"
    )
