import json
from io import BytesIO

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from portal.accounts.access import ADMINS, PERSONAL_DATA, allow, fresh_login_required
from portal.audit.services import record_event
from portal.concurrency import unchanged_since_opened
from portal.db import get_or_404
from portal.errors import DomainError, apply_domain_error
from portal.events.models import Event, EventType
from portal.extensions import db
from portal.i18n import country_choices, mentions_kosovo
from portal.participants import documents, importing, personal_data, services
from portal.participants.forms import (
    EVENT_SEARCH_KEY,
    AttendanceAddForm,
    ImportUploadForm,
    PeopleSearchForm,
    PersonForm,
)
from portal.participants.models import Attendance, Person, RegistrationUpload
from portal.partners.models import Partner
from portal.pdf import render_pdf
from portal.query_args import arg_id

bp = Blueprint("participants", __name__)

#: the session key that holds the list's search, so that names typed by an officer never appear in URLs
PEOPLE_SEARCH_KEY = "people_search"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def _download(content: bytes, mimetype: str, filename: str) -> Response:
    """An attachment, not kept by caches. The name may hold what users typed (an event's ref): send_file quotes it
    and adds RFC 6266's filename* for what is not ASCII."""
    response = send_file(BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=filename)
    return _no_store(response)


def _fill_choices(form: PersonForm) -> None:
    rows = db.session.execute(sa.select(Partner.id, Partner.name, Partner.acronym).order_by(Partner.name))
    form.organisation_id.choices = [("", "—")] + [(pid, f"{n} ({a})" if a else n) for pid, n, a in rows]
    form.country.choices = [("", "—"), *country_choices()]


# People


@bp.route("/people/", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def index():
    form = PeopleSearchForm()
    if form.validate_on_submit():
        session[PEOPLE_SEARCH_KEY] = (form.q.data or "").strip()
        return redirect(url_for("participants.index"))
    query = session.get(PEOPLE_SEARCH_KEY, "")
    form.q.data = query
    select = services.people_query(query).options(selectinload(Person.organisation))
    page = db.paginate(select, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return _no_store(Response(render_template("participants/index.html", page=page, form=form, query=query)))


def _event_from_args() -> Event | None:
    event_id = arg_id("event")
    return db.session.get(Event, event_id) if event_id else None


@bp.route("/people/new", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def create():
    event = _event_from_args()
    form = PersonForm()
    _fill_choices(form)
    by_email, by_name = [], []
    if form.validate_on_submit():
        by_email, by_name = services.find_matches(
            email=form.email.data,
            first_name=form.first_name.data,
            last_name=form.last_name.data,
            organisation_id=form.organisation_id.data,
            organisation_name=form.organisation_name.data,
        )
        if by_email:
            form.email.errors.append(_("A person with this e-mail already exists: use them?"))
        elif by_name and not form.create_anyway.data:
            form.form_errors.append(_("A person with this name and organisation already exists: use them?"))
        else:
            person = services.create_person(form.data, actor=current_user)
            if event is not None:
                services.add_attendance(event, person, role="participant", mode=None, attended=False)
            db.session.commit()
            flash(_("Person saved."), "success")
            if event is not None:
                return redirect(url_for("events.detail", event_id=event.id, _anchor="attendance"))
            return redirect(url_for("participants.detail", person_id=person.id))
    response = render_template(
        "participants/form.html", form=form, person=None, event=event, matches=by_email or by_name
    )
    return _no_store(Response(response))


@bp.route("/people/<int:person_id>")
@allow(PERSONAL_DATA)
def detail(person_id):
    person = get_or_404(Person, person_id)
    attendances = sorted(person.attendances, key=lambda a: a.event.start_date, reverse=True)
    kosovo = mentions_kosovo([person.country, *(a.event.country for a in attendances)])
    return _no_store(
        Response(render_template("participants/detail.html", person=person, attendances=attendances, kosovo=kosovo))
    )


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def edit(person_id):
    person = get_or_404(Person, person_id)
    if person.erased_at is not None:
        abort(404)
    form = PersonForm(obj=person)
    _fill_choices(form)
    if request.method == "GET":
        form.version.data = person.version
        form.gender.data, form.sector.data = person.gender.value, person.sector.value
        form.language.data = person.language or "en"
    if form.validate_on_submit() and unchanged_since_opened(form, person):
        try:
            services.update_person(person, form.data, actor=current_user)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Person saved."), "success")
            return redirect(url_for("participants.detail", person_id=person.id))
    response = render_template(
        "participants/form.html", form=form, person=person, event=None, matches=[], record=person
    )
    return _no_store(Response(response))


@bp.route("/people/<int:person_id>/export.json")
@allow(PERSONAL_DATA)
@fresh_login_required
def export(person_id):
    person = get_or_404(Person, person_id)
    current_app.logger.info("personal data export: person %s by user %s", person.id, current_user.id)
    body = json.dumps(personal_data.export_person(person), ensure_ascii=False, indent=2)
    record_event("export", person, {"format": "json"})
    db.session.commit()
    return _download(body.encode(), "application/json", f"{person.ref}.json")


@bp.route("/people/<int:person_id>/erase", methods=["POST"])
@allow(ADMINS)
def erase(person_id):
    person = get_or_404(Person, person_id)
    try:
        personal_data.erase_person(person)
    except DomainError as error:
        flash(error.message, "warning")
    else:
        db.session.commit()
        current_app.logger.info("personal data erased: person %s by user %s", person.id, current_user.id)
        flash(_("The person's identifying data was erased; their attendance still counts."), "success")
    return redirect(url_for("participants.detail", person_id=person.id))


@bp.route("/people/duplicates")
@allow(PERSONAL_DATA)
def duplicates():
    pairs = services.duplicate_pairs()
    people = {person for pair in pairs for person in pair[:2]}
    counts = services.attendance_counts([person.id for person in people])
    kosovo = mentions_kosovo(person.country for person in people)
    return _no_store(
        Response(
            render_template(
                "participants/duplicates.html",
                pairs=pairs,
                counts=counts,
                kosovo=kosovo,
                limit=services.DUPLICATE_PAIRS_SHOWN,
            )
        )
    )


@bp.route("/people/merge", methods=["POST"])
@allow(PERSONAL_DATA)
def merge():
    keep = get_or_404(Person, request.form.get("keep_id"))
    drop = get_or_404(Person, request.form.get("drop_id"))
    try:
        services.merge_people(keep, drop)
    except DomainError as error:
        flash(error.message, "warning")
        return redirect(url_for("participants.duplicates"))
    db.session.commit()
    current_app.logger.info("people merged: person %s kept by user %s", keep.id, current_user.id)
    flash(_("The two records are merged; every attendance is kept."), "success")
    return redirect(url_for("participants.detail", person_id=keep.id))


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
    upload = db.session.scalar(sa.select(RegistrationUpload).where(RegistrationUpload.token == token))
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
            return redirect(url_for("participants.import_review", event_id=event.id, token=upload.token))
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
        return redirect(url_for("participants.import_review", event_id=event.id, token=token))
    try:
        preview = importing.preview_upload(upload)
    except DomainError as error:
        flash(error.message, "danger")
        return _back_to_event(event)
    missing = importing.missing_fields(preview.mapping)
    response = render_template(
        "participants/import.html",
        event=event,
        upload=upload,
        preview=preview,
        missing=missing,
        fields=importing.FIELDS,
        upload_form=ImportUploadForm(),
    )
    return _no_store(Response(response))


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
    return redirect(url_for("participants.import_review", event_id=event.id, token=token))


@bp.route("/events/<int:event_id>/import/<token>/commit", methods=["POST"])
@allow(PERSONAL_DATA)
def import_commit(event_id, token):
    event = get_or_404(Event, event_id)
    upload = _upload_or_404(event, token)
    try:
        counts = importing.commit_upload(upload, actor=current_user)
    except DomainError as error:
        flash(error.message, "danger")
        return redirect(url_for("participants.import_review", event_id=event.id, token=token))
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


def _attendances(event: Event, *, attended_only: bool = False) -> list[Attendance]:
    query = (
        sa.select(Attendance)
        .where(Attendance.event_id == event.id)
        .options(selectinload(Attendance.person).selectinload(Person.organisation))
    )
    if attended_only:
        query = query.where(Attendance.attended.is_(True))
    attendances = db.session.scalars(query).all()
    return sorted(attendances, key=lambda a: (a.person.last_name.casefold(), a.person.first_name.casefold()))


def _training_or_404(event_id) -> Event:
    event = get_or_404(Event, event_id)
    if event.type != EventType.TRAINING:
        abort(404)
    return event


@bp.route("/events/<int:event_id>/certificates.pdf")
@allow(PERSONAL_DATA)
def certificates(event_id):
    event = _training_or_404(event_id)
    attendances = _attendances(event, attended_only=True)
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
    return _download(pdf, "application/pdf", f"certificates-{event.ref}{suffix}.pdf")


@bp.route("/events/<int:event_id>/certificates/<int:person_id>.pdf")
@allow(PERSONAL_DATA)
def certificate(event_id, person_id):
    event = _training_or_404(event_id)
    attendance = db.session.scalar(
        sa.select(Attendance).where(
            Attendance.event_id == event.id, Attendance.person_id == person_id, Attendance.attended.is_(True)
        )
    )
    if attendance is None:
        abort(404)
    pdf = render_pdf("certificate.html", pages=documents.certificate_pages(event, [attendance], _organiser()))
    return _download(pdf, "application/pdf", f"certificate-{event.ref}-{attendance.person.ref}.pdf")


@bp.route("/events/<int:event_id>/participants.pdf")
@allow(PERSONAL_DATA)
@fresh_login_required
def participant_list_pdf(event_id):
    event = get_or_404(Event, event_id)
    rows = documents.participant_rows(_attendances(event))
    if len(rows) > documents.PDF_LIST_LIMIT:
        flash(_("The list is too long for a PDF: download it as XLSX."), "warning")
        return _back_to_event(event)
    locale = str(get_locale() or "en")
    kosovo = mentions_kosovo([event.country, *(row["country"] for row in rows)])
    pdf = render_pdf(
        "participant_list.html",
        event=event,
        rows=rows,
        kosovo=kosovo,
        dates=documents.event_dates(event, locale),
        place=documents.event_place(event, locale),
    )
    record_event("export", event, {"what": "participant list", "format": "pdf", "rows": len(rows)})
    db.session.commit()
    return _download(pdf, "application/pdf", f"participants-{event.ref}.pdf")


@bp.route("/events/<int:event_id>/participants.xlsx")
@allow(PERSONAL_DATA)
@fresh_login_required
def participant_list_xlsx(event_id):
    event = get_or_404(Event, event_id)
    rows = documents.participant_rows(_attendances(event))
    content = documents.participant_list_xlsx(event, rows)
    record_event("export", event, {"what": "participant list", "format": "xlsx", "rows": len(rows)})
    db.session.commit()
    return _download(
        content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"participants-{event.ref}.xlsx"
    )
