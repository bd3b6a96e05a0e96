from calendar import Calendar
from datetime import date

from babel import Locale
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from portal.accounts.access import EDITORS, STAFF, allow
from portal.db import get_or_404
from portal.dialogues.queries import dialogue_choices
from portal.events import services
from portal.events.forms import FIRST_YEAR, LAST_YEAR, EventFilterForm, EventForm, mode_choices, type_choices
from portal.events.models import Event
from portal.events.queries import EVENT_SORTING, events_between, events_query, project_matches
from portal.extensions import db
from portal.form_saving import save_submitted
from portal.i18n import country_choices, mentions_kosovo
from portal.partners.queries import partner_choices
from portal.projects.queries import project_choices
from portal.signals import Section, answers, dialogue_page, event_page, participants_per_event_of

bp = Blueprint("events", __name__, url_prefix="/events")


def _fill_choices(form: EventForm) -> None:
    form.country.choices = [("", "—"), *country_choices()]
    form.project_id.choices = [("", "—"), *project_choices(db.session)]
    form.dialogue_id.choices = [("", "—"), *dialogue_choices(db.session)]
    form.partner_ids.choices = partner_choices(db.session)


@bp.route("/")
@allow(STAFF)
def index():
    filters = EventFilterForm(request.args)
    filters.type.choices = [("", _("All types")), *type_choices()]
    filters.mode.choices = [("", _("All modes")), *mode_choices()]
    filters.country.choices = [("", _("All countries")), *country_choices()]
    filters.dialogue.choices = [("", _("All dialogues")), *dialogue_choices(db.session)]
    filters.validate()
    criteria = {
        name: None if getattr(filters, field).errors else getattr(filters, field).data or None
        for name, field in (
            ("year", "year"),
            ("type", "type"),
            ("dialogue_id", "dialogue"),
            ("project", "project"),
            ("q", "q"),
            ("country", "country"),
            ("mode", "mode"),
        )
    }
    sort = EVENT_SORTING.requested()
    query = events_query(**criteria, sort=sort).options(selectinload(Event.project), selectinload(Event.dialogue))
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    counts = participants_per_event_of([event.id for event in page.items])
    kosovo = mentions_kosovo(event.country for event in page.items)
    projects = project_matches(db.session, criteria["project"])
    return render_template(
        "events/index.html", page=page, filters=filters, counts=counts, kosovo=kosovo, sort=sort, projects=projects
    )


def _month(value: str | None) -> date:
    """The first day of ?month=YYYY-MM, or of this month when it is not one of the years shown (the calendar's
    first and last months, 0001-01 and 9999-12, would have no month before or after)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return date(year, month, 1)
    except ValueError:
        pass
    return date.today().replace(day=1)


@bp.route("/calendar")
@allow(STAFF)
def calendar():
    first = _month(request.args.get("month"))
    locale = Locale.parse(str(get_locale() or "en"))
    weeks = Calendar(firstweekday=locale.first_week_day).monthdatescalendar(first.year, first.month)
    events = events_between(db.session, weeks[0][0], weeks[-1][-1])
    by_day = {day: [e for e in events if e.start_date <= day <= e.end_date] for week in weeks for day in week}
    weekdays = [locale.days["format"]["abbreviated"][(locale.first_week_day + i) % 7] for i in range(7)]
    previous = (first.replace(day=1) - date.resolution).replace(day=1)
    following = (first.replace(day=28) + 4 * date.resolution).replace(day=1)
    return render_template(
        "events/calendar.html",
        first=first,
        weeks=weeks,
        by_day=by_day,
        weekdays=weekdays,
        previous=previous,
        following=following,
        today=date.today(),
    )


@bp.route("/<int:event_id>")
@allow(STAFF)
def detail(event_id):
    event = get_or_404(Event, event_id)
    sections = answers(event_page, event)
    countries = [event.country, *(country for section in sections for country in section.countries)]
    return render_template(
        "events/detail.html", event=event, record=event, sections=sections, kosovo=mentions_kosovo(countries)
    )


@dialogue_page.connect
def dialogue_events(dialogue) -> Section:
    """The dialogue page's meetings and events, with how many took part in each."""
    events = db.session.scalars(events_query(dialogue_id=dialogue.id)).all()
    counts = participants_per_event_of([event.id for event in events])
    return Section.render(
        "events/_dialogue_events.html",
        links=(("events", _("Meetings and events")),),
        countries=[event.country for event in events if event.country],
        events=events,
        counts=counts,
    )


@bp.route("/new", methods=["GET", "POST"])
@allow(EDITORS)
def create():
    form = EventForm()
    _fill_choices(form)
    if event := save_submitted(form, services.create_event):
        db.session.commit()
        flash(_("Event saved."), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None, source=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@allow(EDITORS)
def edit(event_id):
    event = get_or_404(Event, event_id)
    form = EventForm(obj=event)
    _fill_choices(form)
    if request.method == "GET":
        form.partner_ids.data = [partner.id for partner in event.partners]
        form.type.data, form.mode.data = event.type.value, event.mode.value
    if save_submitted(form, lambda values: services.update_event(event, values), record=event):
        db.session.commit()
        flash(_("Event saved."), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event, source=None, record=event)


@bp.route("/<int:event_id>/clone", methods=["GET", "POST"])
@allow(EDITORS)
def clone(event_id):
    source = get_or_404(Event, event_id)
    form = EventForm(data=services.clone_data(source)) if request.method == "GET" else EventForm()
    _fill_choices(form)
    if event := save_submitted(form, services.create_event):
        db.session.commit()
        flash(_("Event copied: attendance was not copied."), "success")
        return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None, source=source)
