"""The people pages: the list and its search, a person's record, export and erasure, and merging duplicates.
The routes under /events/<id>/… (attendance, registration import, certificates, participant lists) are in
event_views.py."""

import json
from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from portal.accounts.access import ADMINS, PERSONAL_DATA, allow, fresh_login_required
from portal.audit.services import record_event
from portal.db import get_or_404
from portal.errors import DomainError
from portal.events.models import Event
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import country_choices, mentions_kosovo
from portal.participants import people_list, personal_data, queries, services
from portal.participants.downloads import download
from portal.participants.forms import (
    DistinctPeopleForm,
    MergeForm,
    PeopleFilterForm,
    PeopleSearchForm,
    PersonForm,
    sector_choices,
)
from portal.participants.models import Person
from portal.participants.rules import MERGED_FIELDS, default_merge_choices
from portal.partners.queries import partner_choices
from portal.query_args import arg_id, link_args

bp = Blueprint("participants", __name__)
#: people the retention page lists at once (the count says how many there are)
RETENTION_SHOWN = 500

#: the session key that holds the list's search, so that names typed by an officer never appear in URLs
PEOPLE_SEARCH_KEY = "people_search"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fill_choices(form: PersonForm) -> None:
    form.organisation_id.choices = [("", "—"), *partner_choices(db.session)]
    form.country.choices = [("", "—"), *country_choices()]


def _people_list():
    """The people list as the request asks for it: the session's search words, the query string's filters and
    order; the page and its export read the same query."""
    filters = PeopleFilterForm(request.args)
    filters.country.choices = [("", _("All countries")), *country_choices()]
    filters.sector.choices = [("", _("All sectors")), *sector_choices()]
    filters.validate()
    values = {name: None if filters[name].errors else filters[name].data for name in filters.data}
    sort = queries.PEOPLE_SORTING.requested()
    select = queries.people_query(session.get(PEOPLE_SEARCH_KEY, ""), **values, sort=sort)
    return filters, sort, select.options(selectinload(Person.organisation))


@bp.route("/people/", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def index():
    form = PeopleSearchForm()
    if form.validate_on_submit():
        session[PEOPLE_SEARCH_KEY] = (form.q.data or "").strip()
        return redirect(url_for("participants.index", **link_args()))
    query = session.get(PEOPLE_SEARCH_KEY, "")
    form.q.data = query
    filters, sort, select = _people_list()
    page = db.paginate(select, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    events = queries.event_matches(filters.event.data) if not filters.event.errors else []
    return render_template(
        "participants/index.html", page=page, form=form, query=query, filters=filters, sort=sort, events=events
    )


@bp.route("/people/export.xlsx")
@allow(PERSONAL_DATA)
@fresh_login_required
def export_list():
    people = db.session.scalars(_people_list()[2]).all()
    content = people_list.people_xlsx(people)
    record_event("export", None, {"what": "people list", "format": "xlsx", "rows": len(people)})
    db.session.commit()
    return download(content, XLSX, "people.xlsx")


def _event_from_args() -> Event | None:
    event_id = arg_id("event")
    return db.session.get(Event, event_id) if event_id else None


@bp.route("/people/new", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def create():
    event = _event_from_args()
    form = PersonForm()
    _fill_choices(form)
    matches = []

    def save(values):
        by_email, by_name = queries.find_matches(
            email=values["email"],
            first_name=values["first_name"],
            last_name=values["last_name"],
            organisation_id=values["organisation_id"],
            organisation_name=values["organisation_name"],
        )
        matches.extend(by_email or by_name)
        if by_email:
            raise DomainError("email", _("A person with this e-mail already exists: use them?"))
        if by_name and not values["create_anyway"]:
            raise DomainError(None, _("A person with this name and organisation already exists: use them?"))
        person = services.create_person(values, actor=current_user)
        if event is not None:
            services.add_attendance(event, person, role="participant", mode=None, attended=False)
        return person

    if person := save_submitted(form, save):
        db.session.commit()
        flash(_("Person saved."), "success")
        if event is not None:
            return redirect(url_for("events.detail", event_id=event.id, _anchor="attendance"))
        return redirect(url_for("participants.detail", person_id=person.id))
    return render_template("participants/form.html", form=form, person=None, event=event, matches=matches)


@bp.route("/people/<int:person_id>")
@allow(PERSONAL_DATA)
def detail(person_id):
    person = get_or_404(Person, person_id)
    attendances = sorted(person.attendances, key=lambda a: a.event.start_date, reverse=True)
    kosovo = mentions_kosovo([person.country, *(a.event.country for a in attendances)])
    return render_template("participants/detail.html", person=person, attendances=attendances, kosovo=kosovo)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def edit(person_id):
    person = get_or_404(Person, person_id)
    if person.erased_at is not None:
        abort(404)
    form = PersonForm(obj=person)
    _fill_choices(form)
    if request.method == "GET":
        form.gender.data, form.sector.data = person.gender.value, person.sector.value
        form.language.data = person.language or "en"
    if save_submitted(form, lambda values: services.update_person(person, values, actor=current_user), record=person):
        db.session.commit()
        flash(_("Person saved."), "success")
        return redirect(url_for("participants.detail", person_id=person.id))
    return render_template("participants/form.html", form=form, person=person, event=None, matches=[], record=person)


@bp.route("/people/<int:person_id>/export.json")
@allow(PERSONAL_DATA)
@fresh_login_required
def export(person_id):
    person = get_or_404(Person, person_id)
    current_app.logger.info("personal data export: person %s by user %s", person.id, current_user.id)
    body = json.dumps(personal_data.export_person(person), ensure_ascii=False, indent=2)
    record_event("export", person, {"format": "json"})
    db.session.commit()
    return download(body.encode(), "application/json", f"{person.ref}.json")


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
    pairs = queries.duplicate_pairs()
    people = {person for pair in pairs for person in pair[:2]}
    counts = queries.attendance_counts([person.id for person in people])
    kosovo = mentions_kosovo(person.country for person in people)
    return render_template(
        "participants/duplicates.html",
        pairs=pairs,
        counts=counts,
        kosovo=kosovo,
        limit=queries.DUPLICATE_PAIRS_SHOWN,
    )


@bp.route("/people/retention")
@allow(ADMINS)
def retention():
    """Who the nightly retention rule would anonymise, as `flask people retention` lists them: a dry run."""
    years = current_app.config["PERSONAL_DATA_RETENTION_YEARS"]
    due = queries.retention_due(date.today(), years) if years else []
    counts = queries.attendance_counts([person.id for person in due[:RETENTION_SHOWN]])
    return render_template(
        "participants/retention.html", years=years, due=due[:RETENTION_SHOWN], total=len(due), counts=counts
    )


@bp.route("/people/merge", methods=["GET", "POST"])
@allow(PERSONAL_DATA)
def merge():
    keep = get_or_404(Person, request.values.get("keep_id"))
    drop = get_or_404(Person, request.values.get("drop_id"))
    if keep.id == drop.id or keep.erased_at is not None or drop.erased_at is not None:
        flash(_("Choose two records of people whose data was not erased."), "warning")
        return redirect(url_for("participants.duplicates"))
    form = MergeForm(data={"keep_id": keep.id, "drop_id": drop.id, **default_merge_choices(keep, drop)})

    def save(values):
        return services.merge_people(keep, drop, {field: values[field] for field in MERGED_FIELDS})

    if save_submitted(form, save):
        db.session.commit()
        current_app.logger.info("people merged: person %s kept by user %s", keep.id, current_user.id)
        flash(_("The two records are merged; every attendance is kept."), "success")
        return redirect(url_for("participants.detail", person_id=keep.id))
    counts = queries.attendance_counts([keep.id, drop.id])
    kosovo = mentions_kosovo([keep.country, drop.country])
    return render_template(
        "participants/merge.html", form=form, keep=keep, drop=drop, fields=MERGED_FIELDS, counts=counts, kosovo=kosovo
    )


@bp.route("/people/distinct", methods=["POST"])
@allow(PERSONAL_DATA)
def distinct():
    form = DistinctPeopleForm()
    if form.validate_on_submit():
        first = get_or_404(Person, form.first_id.data)
        second = get_or_404(Person, form.second_id.data)
        try:
            services.record_distinct_people(first, second, actor=current_user)
        except DomainError as error:
            flash(error.message, "warning")
        else:
            db.session.commit()
            flash(
                _("#%(first)d and #%(second)d are recorded as two people.", first=first.id, second=second.id), "success"
            )
    return redirect(url_for("participants.duplicates"))
