"""The read-only JSON API: staff only, by browser session or personal token (Authorization: Bearer ...)."""

from datetime import date

from flask import Blueprint, Response, abort, current_app, g, jsonify, request, session, url_for
from flask_babel import gettext as _

from portal.accounts.access import FIGURE_READERS, STAFF, allow, public
from portal.api import openapi, serializers, services, tokens
from portal.db import get_or_404
from portal.dialogues.models import ActionPlan, Dialogue
from portal.dialogues.queries import MEMBERSHIP_LOADS, dialogue_query, plan_query
from portal.errors import json_error
from portal.events.models import Event, EventMode, EventType
from portal.events.queries import events_query
from portal.exchange.iati import ReportingOrgMissing, portfolio_activities
from portal.extensions import db, login_manager
from portal.i18n import LANGUAGES, current_language, is_country
from portal.initiatives.models import Review
from portal.initiatives.queries import initiative_query, plan_figures
from portal.organisation import queries as organisation_queries
from portal.participants.queries import participant_counts
from portal.partners.models import Partner, PartnerType
from portal.partners.queries import partner_query
from portal.projects.models import Project, ProjectStatus
from portal.projects.queries import project_query
from portal.reference.rates import MissingRate
from portal.reports.queries import Filters, key_figures_document
from portal.reports.queries import key_figures as compute_key_figures

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# the token page is HTML with a sign-in redirect, so it lives in its own blueprint, registered with this one
#: registered by create_app: the JSON API and the pages where people manage their tokens
BLUEPRINTS = (bp, tokens.bp)

#: key figures and the IATI file are for managers and admins (key-figures.md)
MAX_PER_PAGE, MAX_PAGE, MAX_ID = openapi.MAX_PER_PAGE, openapi.MAX_PAGE, openapi.MAX_ID
ID = f"int(min=1, max={MAX_ID})"

# signed-out API requests get 401 rather than a redirect to the sign-in page
login_manager.blueprint_login_views["api"] = None


@login_manager.request_loader
def _user_from_bearer_token(req):
    """Flask-Login's fallback when the session has no user: an API request's personal token."""
    header = req.headers.get("Authorization", "")
    if req.blueprint != "api" or not header.startswith("Bearer "):
        return None
    user = services.user_for_secret(header.removeprefix("Bearer ").strip())
    if user is None:
        current_app.logger.warning("API token refused for %s", req.path)
        return None
    db.session.commit()
    g.api_token_user = True
    return user


@bp.errorhandler(401)
def _unauthorized(error):
    return json_error(401, _("Send a personal API token (Authorization: Bearer ...) or sign in."))


@bp.before_request
def _check_lang():
    """`lang`, the language of the response's texts (portal.i18n.select_locale), is one the portal writes."""
    lang = request.args.get("lang", "")
    if lang and lang not in LANGUAGES:
        _bad(_("%(name)s must be one of: %(values)s.", name="lang", values=", ".join(LANGUAGES)))


@bp.after_request
def _api_headers(response):
    if g.get("api_token_user"):
        session.modified = False  # a token request needs no session cookie
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    response.headers["Content-Language"] = current_language()
    return response


def _bad(detail: str):
    abort(400, description=detail)


def _int_arg(name: str, *, minimum: int, maximum: int, default: int | None = None) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit():
        _bad(_("%(name)s must be a whole number.", name=name))
    value = int(raw)
    if not minimum <= value <= maximum:
        _bad(_("%(name)s must be between %(minimum)d and %(maximum)d.", name=name, minimum=minimum, maximum=maximum))
    return value


def _enum_arg(name: str, enum):
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return enum(raw)
    except ValueError:
        _bad(_("%(name)s must be one of: %(values)s.", name=name, values=", ".join(member.value for member in enum)))


def _country_arg(name: str = "country") -> str | None:
    raw = request.args.get(name, "").strip().upper()
    if raw and not is_country(raw):
        _bad(_("%(name)s must be a country code (ISO 3166-1 alpha-2).", name=name))
    return raw or None


def _text_arg(name: str, max_length: int = 200) -> str | None:
    raw = request.args.get(name, "").strip()
    if len(raw) > max_length or "\x00" in raw:
        _bad(_("%(name)s must be at most %(length)d characters of text.", name=name, length=max_length))
    return raw or None


def _year_arg(default: int | None = None) -> int | None:
    return _int_arg("year", minimum=1900, maximum=2200, default=default)


def _id_arg(name: str) -> int | None:
    return _int_arg(name, minimum=1, maximum=MAX_ID)


def _page_of(query, serialize):
    page = _int_arg("page", minimum=1, maximum=MAX_PAGE, default=1)
    per_page = _int_arg("per_page", minimum=1, maximum=MAX_PER_PAGE, default=current_app.config["ITEMS_PER_PAGE"])
    result = db.paginate(query, page=page, per_page=per_page, error_out=False)
    last = max(result.pages, 1)

    def link(number):
        # url_for() reads names starting with "_" as options (_external, _scheme ...): never pass those on
        kept = {key: value for key, value in request.args.items() if not key.startswith("_")}
        args = {**kept, "page": number, "per_page": per_page}
        return url_for(request.endpoint, **request.view_args, **args)

    return jsonify(
        {
            "items": serialize(result.items),
            "page": page,
            "per_page": per_page,
            "total": result.total,
            "pages": result.pages,
            "links": {
                "self": link(page),
                "first": link(1),
                "last": link(last),
                "prev": link(page - 1) if page > 1 else None,
                "next": link(page + 1) if page < last else None,
            },
        }
    )


@bp.route("/openapi.json")
@public
def openapi_document():
    return jsonify(openapi.document())


@bp.route("/projects")
@allow(STAFF)
def projects():
    query = project_query(
        region_id=_id_arg("region"),
        status=_enum_arg("status", ProjectStatus),
        donor_id=_id_arg("donor"),
        country=_country_arg(),
        year=_year_arg(),
        q=_text_arg("q"),
    )
    return _page_of(query.options(*serializers.PROJECT_LOADS), lambda items: [serializers.project(p) for p in items])


@bp.route(f"/projects/<{ID}:project_id>")
@allow(STAFF)
def project(project_id):
    return jsonify(serializers.project(get_or_404(Project, project_id, serializers.PROJECT_DETAIL_LOADS), detail=True))


@bp.route("/partners")
@allow(STAFF)
def partners():
    query = partner_query(
        type=_enum_arg("type", PartnerType), donor_category_id=_id_arg("donor_category"), q=_text_arg("q")
    )
    return _page_of(query.options(*serializers.PARTNER_LOADS), lambda items: [serializers.partner(p) for p in items])


@bp.route(f"/partners/<{ID}:partner_id>")
@allow(STAFF)
def partner(partner_id):
    return jsonify(serializers.partner(get_or_404(Partner, partner_id)))


@bp.route("/dialogues")
@allow(STAFF)
def dialogues():
    query = dialogue_query(region_id=_id_arg("region"), q=_text_arg("q"))
    return _page_of(query.options(*serializers.DIALOGUE_LOADS), lambda items: [serializers.dialogue(d) for d in items])


@bp.route(f"/dialogues/<{ID}:dialogue_id>")
@allow(STAFF)
def dialogue(dialogue_id):
    return jsonify(serializers.dialogue(get_or_404(Dialogue, dialogue_id, MEMBERSHIP_LOADS), detail=True))


@bp.route("/action-plans")
@allow(STAFF)
def action_plans():
    query = plan_query(dialogue_id=_id_arg("dialogue"))
    return _page_of(query.options(*serializers.PLAN_LOADS), lambda items: [serializers.plan_item(p) for p in items])


@bp.route(f"/action-plans/<{ID}:plan_id>")
@allow(STAFF)
def action_plan(plan_id):
    plan = get_or_404(ActionPlan, plan_id)
    return jsonify(serializers.action_plan(plan, plan_figures(db.session, plan)))


@bp.route(f"/action-plans/<{ID}:plan_id>/initiatives")
@allow(STAFF)
def initiatives(plan_id):
    plan = get_or_404(ActionPlan, plan_id)
    review = _enum_arg("review", Review)
    query = initiative_query(plan, review=review)
    return _page_of(query, lambda items: [serializers.initiative(i) for i in items])


@bp.route("/organisation/facts")
@allow(STAFF)
def organisation_facts():
    year = _year_arg()
    years = [year] if year is not None else [row.year for row in organisation_queries.organisation_years(db.session)]
    facts = [(one, organisation_queries.organisation_facts(db.session, one)) for one in years]
    return jsonify(serializers.organisation_facts(facts, organisation_queries.member_states(db.session, year)))


def _events(items):
    counts = participant_counts(db.session, [event.id for event in items])
    return [serializers.event(event, counts[event.id]) for event in items]


@bp.route("/events")
@allow(STAFF)
def events():
    type_ = _enum_arg("type", EventType)
    mode = _enum_arg("mode", EventMode)
    query = events_query(
        year=_year_arg(),
        type=type_ and type_.value,
        dialogue_id=_id_arg("dialogue"),
        project_id=_id_arg("project"),
        country=_country_arg(),
        mode=mode and mode.value,
    )
    return _page_of(query.options(*serializers.EVENT_LOADS), _events)


@bp.route(f"/events/<{ID}:event_id>")
@allow(STAFF)
def event(event_id):
    obj = get_or_404(Event, event_id)
    return jsonify(serializers.event(obj, participant_counts(db.session, [obj.id])[obj.id], detail=True))


def _missing_rate(error: MissingRate):
    detail = _("No exchange rate for %(currency)s in %(year)d.", currency=error.currency, year=error.year)
    return json_error(422, detail, currency=error.currency, year=error.year)


@bp.route("/key-figures")
@allow(FIGURE_READERS)
def key_figures():
    year = _year_arg(default=date.today().year)
    filters = Filters(
        region=_text_arg("region", 40),
        donor_category=_text_arg("donor_category", 40),
        dialogue=_text_arg("dialogue", 40),
    )
    try:
        figures = compute_key_figures(
            db.session, year, reporting_currency=current_app.config["REPORTING_CURRENCY"], filters=filters
        )
    except MissingRate as error:
        return _missing_rate(error)
    return jsonify(key_figures_document(figures))


@bp.route("/iati-activities.xml")
@allow(FIGURE_READERS)
def iati_export():
    try:
        xml = portfolio_activities()
    except MissingRate as error:
        return _missing_rate(error)
    except ReportingOrgMissing as error:
        return json_error(422, str(error.message), settings=error.settings)
    return Response(
        xml, mimetype="application/xml", headers={"Content-Disposition": "attachment; filename=iati-activities.xml"}
    )
