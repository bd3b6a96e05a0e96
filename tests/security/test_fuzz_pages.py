"""No input makes a page fail (security.md S11): every GET route, signed in as an administrator and as an officer,
answers hostile query strings with a page, a redirect or a 4xx, never a 5xx; the main create and edit forms answer
hostile values with their errors beside the fields. Then the inputs the security review found, one by one.

Hypothesis runs derandomized, so that a run is repeatable; its examples share the test's rolled-back transaction.
"""

import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.concept_notes import services as note_services
from portal.concept_notes.models import ReferenceItem, ReferenceKind
from portal.dialogues import services as dialogue_services
from portal.dialogues.models import Dialogue, DialogueGroup, GroupKind, GroupRole, MemberStatus
from portal.events.models import Event, EventType
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure
from portal.initiatives import services as initiative_services
from portal.initiatives.models import InitiativeStatus
from portal.organisation import services as organisation_services
from portal.participants import importing
from portal.participants.models import Person
from portal.partners.models import Partner
from portal.projects import services as project_services
from portal.projects.models import Deliverable, Project
from portal.reports.models import KeyFigureSnapshot
from tests import factories
from tests.concept_notes import builders
from tests.participants.helpers import csv_bytes

HUGE = "99999999999999999999999"
#: when the audit entry of rows() was written
ENTRY_AT = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)
TWENTY_DIGITS = "12345678901234567890"

#: every query parameter a page reads (grep request.args and the filter forms in portal/), and url_for's options
PARAMETERS = [
    "page", "per_page", "q", "year", "donor", "region", "status", "country", "type", "category", "dialogue",
    "project", "mode", "user", "record_type", "action", "date_from", "date_to", "project_id", "event", "part",
    "month", "donor_category", "next", "partner_id", "dialogue_id", "event_id", "lang",
    "_external", "_scheme", "_anchor", "_method",
]  # fmt: skip

#: routes whose page is a PDF rendered on every request: seconds each, and they read no query string that the
#: dashboard (same _selection) and the event page do not already read
RENDERS_PDF = {"event_participants.participant_list_pdf", "reports.key_figures_pdf", "concept_notes.pdf"}
#: answers 503 by design while the schema is not at the migrations' head (the tests create it without them)
#: and reads no query string
HEALTH = "operations.health"


def _settings(examples):
    return settings(
        derandomize=True,
        database=None,
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
        ],
    )


# fmt: off
#: numbers no column holds, numbers of other shapes and scripts
NUMBERS = st.one_of(
    st.sampled_from(
        [
            HUGE, TWENTY_DIGITS, "-" + HUGE, "9" * 5000, "2147483648", "2147483647", "-2147483649", "-1", "0", "00",
            "1.5", "1e308", "nan", "inf", "-0.0", "0x10", "1_000", " 12 ", "+5", "²", "١٢", "٣",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
#: the ends of the calendar, days that do not exist, other formats
DATES = st.one_of(
    st.sampled_from(
        [
            "9999-12-31", "0001-01-01", "0000-01-01", "2021-02-30", "2021-13-01", "10000-01-01", "9999-12",
            "0001-01", "0-1", "2021-00", "-1-1", "31/12/2021", "2021-06-01T00:00:00",
        ]
    ),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
)
#: empty, NUL bytes, SQL and LIKE wildcards, markup, long text, other scripts
STRINGS = st.one_of(
    st.sampled_from(
        [
            "", "   ", "\x00", "a\x00b", "%", "_", "%_%", "\\", "' OR 1=1 --", '"; DROP TABLE projects; --',
            "<script>alert(1)</script>", "javascript:alert(1)", "//evil.example", "x" * 10_000, "XK", "zz", "ÉÈ",
            "日本語", "🙂", "EUR", "None", "null", "true",
        ]
    ),
    # no surrogates: they cannot be sent as UTF-8 at all (the client refuses them before the app sees them)
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)
# fmt: on
HOSTILE = st.one_of(NUMBERS, DATES, STRINGS)


def _query(ids):
    """Query strings: a few parameters, maybe repeated, each hostile or one of the rows' ids."""
    value = st.one_of(HOSTILE, st.sampled_from(sorted({str(i) for i in ids})))
    return st.lists(st.tuples(st.sampled_from(PARAMETERS), value), max_size=5)


# ---- the rows whose ids fill the routes


@pytest.fixture
def rows(app):
    region = factories.region()
    category = factories.donor_category()
    station = factories.duty_station()
    donor = factories.partner(donor_category=category, country="AT")
    project = factories.project(region=region, countries=["AT", "XK"], end_date=date(2023, 12, 31))
    contribution = factories.contribution(project, donor, 1000)
    expenditure = factories.expenditure(project, 2021, 500)
    implementer = project_services.add_implementer(project, {"partner_id": donor.id, "role": "co_implementer"})
    deliverable = project_services.add_deliverable(
        project, {"title": "Country report", "due_on": date(2022, 6, 30), "status": "planned"}
    )
    output = project_services.add_output(project, {"title": "Statistics improved"})
    indicator = project_services.add_indicator(output, {"text": "Countries", "target": Decimal(5)})
    result = project_services.record_result(indicator, {"year": 2022, "actual": Decimal(2)})
    revenue = factories.revenue(2021, 100, partner=donor)
    dialogue = factories.dialogue(members=["AT", "RS"], region=region)
    chair = dialogue_services.add_chairmanship(dialogue, country="AT", start_date=date(2021, 1, 1), end_date=None)
    membership = dialogue_services.add_membership(dialogue, partner_id=donor.id, status=MemberStatus.OBSERVER)
    group = dialogue_services.create_group(dialogue, {"kind": GroupKind.STEERING_COMMITTEE, "name": "Steering"})
    group_member = dialogue_services.add_group_member(group, country="XK", role=GroupRole.CHAIR)
    plan = dialogue_services.create_plan(dialogue, {"title": "Action plan"})
    domain = dialogue_services.add_domain(plan, title="Labour migration")
    priority = dialogue_services.add_priority(domain, code="1.1", title="Skills")
    cycle = initiative_services.create_cycle(plan, {"name": "2025 collection", "is_open": True})
    initiative = initiative_services.submit_initiative(
        plan,
        {
            "title": "Skills partnership",
            "actor_id": donor.id,
            "cycle_id": cycle.id,
            "priority_ids": [priority.id],
            "countries": ["AT"],
            "budget": None,
            "currency": None,
            "start_date": None,
            "end_date": None,
            "status": InitiativeStatus.PLANNED,
            "source": "",
        },
    )
    dialogue_services.map_project(dialogue, project, [priority.id])
    # a training whose certificates are not rendered: no one is marked as having attended
    event = factories.event(type=EventType.TRAINING, project=project, dialogue=dialogue)
    person = factories.person(email="ana@example.org")
    factories.attendance(event, person, attended=False)
    applicant = factories.user(role=Role.APPLICANT)
    note = builders.note(applicant)
    upload = importing.store_upload(
        event, filename="list.csv", content=csv_bytes([["Ana", "Petrova", "ana.p@example.org"]]), actor=applicant
    )
    snapshot = KeyFigureSnapshot(year=2021, filters="{}", document="{}", pdf=b"%PDF", language="en")
    facts = organisation_services.save_organisation_year({"year": 2021, "employees": 463, "nationalities": 70})
    member = organisation_services.save_member_state({"country": "AT", "joined_year": 1993})
    db.session.add(snapshot)
    entry = AuditEntry(
        created_at=ENTRY_AT,
        action="merge",
        record_type="Project",
        record_id=project.id,
        changes=json.dumps({"title": ["Before", "After"]}),
    )
    db.session.add(entry)
    db.session.flush()
    reference_item = db.session.scalar(sa.select(ReferenceItem).limit(1))
    db.session.commit()
    return {
        "project_id": project.id,
        "partner_id": donor.id,
        "event_id": event.id,
        "person_id": person.id,
        "dialogue_id": dialogue.id,
        "chair_id": chair.id,
        "membership_id": membership.id,
        "group_id": group.id,
        "group_member_id": group_member.id,
        "domain_id": domain.id,
        "priority_id": priority.id,
        "contribution_id": contribution.id,
        "expenditure_id": expenditure.id,
        "implementer_id": implementer.id,
        "deliverable_id": deliverable.id,
        "output_id": output.id,
        "indicator_id": indicator.id,
        "result_id": result.id,
        "revenue_id": revenue.id,
        "entry_id": entry.id,
        "snapshot_id": snapshot.id,
        "user_id": applicant.id,
        "note_id": note.id,
        "risk_id": note.risks[0].id,
        "item_id": region.id,
        "key": "summary",
        "kind": "outcome",
        "kind_name": "regions",
        "breakdown": "figures",
        "fmt": "csv",
        "token": upload.token,
        "record_type": "Project",
        "record_id": project.id,
        "job_id": "no-such-job",
        "plan_id": plan.id,
        "cycle_id": cycle.id,
        "initiative_id": initiative.id,
        "year_id": facts.id,
        "member_id": member.id,
        # a certificate number and an image that do not exist: the pages answer 404
        "number": "K7QM-4ZXP-9WTA",
        "name": "no-such-image.png",
        "publication_id": 1,
        # for filters: ids of rows of other kinds
        "_region": region.id,
        "_category": category.id,
        "_station": station.id,
        "_reference_item": reference_item.id,
        "_outcome": note.outcomes[0].id,
    }


#: argument values that differ from the common ones on some routes
OVERRIDES = {
    "concept_notes.result_item": {"item_id": "_outcome"},
    "concept_notes.reference_item": {"item_id": "_reference_item", "kind": ReferenceKind.GCM_OBJECTIVE.value},
}


def _get_routes(app, rows):
    """(endpoint, url) of every GET route, its arguments filled from `rows`; and the routes left out."""
    routes, left_out = [], set()
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in rule.methods or rule.endpoint in {"static", HEALTH, *RENDERS_PDF}:
            continue
        values = dict(rows)
        for name, value in OVERRIDES.get(rule.endpoint, {}).items():
            values[name] = rows.get(value, value)
        if not rule.arguments <= values.keys():
            left_out.add(rule.endpoint)
            continue
        routes.append((rule.endpoint, rule.build({name: values[name] for name in rule.arguments})[1]))
    return routes, left_out


def _ids(rows):
    return [value for name, value in rows.items() if name.endswith("_id") or name.startswith("_")]


def _fuzz_get(client, url, ids, examples):
    @_settings(examples)
    @given(query=_query(ids))
    def check(query):
        response = client.get(url, query_string=query)
        assert response.status_code < 500, (url, query)

    check()


#: the routes that read the query string get many examples, the others a few (they must ignore it)
READS_QUERY = {
    "projects.index", "partners.index", "events.index", "events.calendar", "dialogues.index", "dialogues.map_project",
    "participants.index", "participants.create", "event_participants.certificates", "audit.index", "audit.entry",
    "audit.history", "funding.revenue_index", "reports.dashboard", "reports.export", "reports.snapshots",
    "reference.list_items", "accounts.users", "accounts.login", "api.projects", "api.partners", "api.events",
    "api.dialogues", "api.key_figures", "api.iati_export", "api.action_plans", "api.organisation_facts",
}  # fmt: skip


@pytest.mark.parametrize("role", [Role.ADMIN, Role.OFFICER])
def test_no_query_string_makes_a_page_fail(app, client, auth, rows, role):
    routes, left_out = _get_routes(app, rows)
    assert left_out == set(), "fill the new route's arguments in rows()"
    assert len(routes) > 80
    assert {endpoint for endpoint, _url in routes} >= READS_QUERY
    auth.login(role)
    many = 50 if role == Role.ADMIN else 20
    for endpoint, url in routes:
        _fuzz_get(client, url, _ids(rows), many if endpoint in READS_QUERY else 2)


# ---- forms


def _valid_forms(rows):
    """(name, url, valid values) of the main create and edit forms."""
    project, event = rows["project_id"], rows["event_id"]
    project_form = {
        "code": "FZ-1",
        "title": "Fuzzed project",
        "region_id": str(rows["_region"]),
        "status": "active",
        "start_date": "2022-01-01",
        "end_date": "2023-12-31",
        "currency": "EUR",
        "countries": "AT",
        "thematic_area_ids": "",
        "duty_station_id": str(rows["_station"]),
        "dialogue_ids": str(rows["dialogue_id"]),
        "officer_id": "",
        "acronym": "FZ",
        "description": "",
    }
    partner_form = {"name": "Fuzzed partner", "type": "government", "donor_category_id": "", "country": "AT"}
    event_form = {
        "title": "Fuzzed event",
        "type": "workshop",
        "start_date": "2022-03-01",
        "end_date": "2022-03-02",
        "mode": "hybrid",
        "city": "Vienna",
        "country": "AT",
        "project_id": str(project),
        "dialogue_id": "",
        "partner_ids": str(rows["partner_id"]),
        "in_person_count": "12",
        "online_count": "30",
        "description": "",
    }
    dialogue_form = {
        "name": "Fuzzed dialogue",
        "code": "FZD",
        "region_id": "",
        "secretariat_id": "",
        "members": "AT",
        "started_on": "2020-01-01",
        "description": "",
    }
    person_form = {
        "first_name": "Fuzz",
        "last_name": "Tester",
        "gender": "female",
        "email": "",
        "organisation_id": "",
        "organisation_name": "",
        "sector": "government",
        "country": "AT",
        "language": "en",
        "create_anyway": "y",
    }
    contribution_form = {
        "donor_id": str(rows["partner_id"]),
        "amount": "1000.00",
        "currency": "EUR",
        "signed_on": "2021-05-01",
    }
    expenditure_form = {"year": "2022", "amount": "10.00", "currency": "EUR"}
    deliverable_form = {
        "ref": "",
        "title": "Country report",
        "title_fr": "",
        "title_ru": "",
        "due_on": "2022-06-30",
        "status": "delivered",
        "delivered_on": "2022-07-01",
        "notes": "",
    }
    return [
        ("/projects/new", project_form, None),
        (f"/projects/{project}/edit", project_form, (Project, project)),
        ("/partners/new", partner_form, None),
        (f"/partners/{rows['partner_id']}/edit", partner_form, (Partner, rows["partner_id"])),
        ("/events/new", event_form, None),
        (f"/events/{event}/edit", event_form, (Event, event)),
        (f"/events/{event}/clone", event_form, None),
        ("/dialogues/new", dialogue_form, None),
        (f"/dialogues/{rows['dialogue_id']}/edit", dialogue_form, (Dialogue, rows["dialogue_id"])),
        (
            f"/dialogues/{rows['dialogue_id']}/members/new",
            {"country": "MA", "partner_id": "", "status": "focus_country"},
            None,
        ),
        (
            f"/dialogues/{rows['dialogue_id']}/groups/{rows['group_id']}",
            {"kind": "reference_group", "name": "Reference", "name_fr": "", "name_ru": ""},
            (DialogueGroup, rows["group_id"]),
        ),
        (f"/people/new?event={event}", person_form, None),
        (f"/people/{rows['person_id']}/edit", person_form, (Person, rows["person_id"])),
        (f"/funding/projects/{project}/contributions/new", contribution_form, None),
        (
            f"/funding/contributions/{rows['contribution_id']}",
            contribution_form,
            (Contribution, rows["contribution_id"]),
        ),
        (f"/funding/projects/{project}/expenditure/new", expenditure_form, None),
        (
            f"/funding/expenditure/{rows['expenditure_id']}",
            {**expenditure_form, "year": "2021"},  # its own year: one line per project and year
            (Expenditure, rows["expenditure_id"]),
        ),
        (f"/projects/{project}/deliverables/new", deliverable_form, None),
        (
            f"/projects/deliverables/{rows['deliverable_id']}",
            deliverable_form,
            (Deliverable, rows["deliverable_id"]),
        ),
    ]


#: the version field's value that stands for "the record's current version" (edits that are not stale)
CURRENT = "current"


def _submission(valid):
    """The valid values with one to three fields hostile, or the edit's version."""
    names = sorted(valid)
    return st.tuples(
        st.dictionaries(st.sampled_from(names), st.one_of(NUMBERS, DATES, STRINGS), min_size=1, max_size=3),
        st.one_of(st.just(CURRENT), NUMBERS),
    ).map(lambda drawn: {**valid, **drawn[0], "version": drawn[1]})


def _extremes(valid):
    """Each field in turn at the extremes the security review found: numbers no column holds, the ends of the
    calendar, a NUL character (which PostgreSQL refuses)."""
    for name, value in sorted(valid.items()):
        if len(value) == 10 and value[4] == "-":
            extremes = ("9999-12-31", "0001-01-01")
        elif value.isdigit() or value in ("", "1000.00", "10.00"):
            extremes = (TWENTY_DIGITS, "2147483648", "a\x00b")
        else:
            extremes = ("a\x00b",)
        for extreme in extremes:
            yield {**valid, name: extreme, "version": CURRENT}


def test_no_form_submission_makes_a_page_fail(app, client, auth, rows):
    auth.login(Role.OFFICER)
    forms = _valid_forms(rows)

    def post(url, data, record, **kwargs):
        if record is not None and data["version"] == CURRENT:
            db.session.expire_all()
            data = {**data, "version": str(db.session.get(*record).version)}
        return client.post(url, data=data, **kwargs)

    for url, valid, record in forms:
        # the valid values save: the fuzzing starts from forms that pass
        response = post(url, {**valid, "code": f"V{len(url)}", "version": CURRENT}, record)
        assert response.status_code == 302, (url, response.get_data(as_text=True))

    for url, valid, record in forms:
        check = _form_check(post, url, valid, record)
        if record is None:  # the create forms: every number, id and date field at the extremes, first
            for data in _extremes(valid):
                check = example(data=data)(check)
        check()


def _form_check(post, url, valid, record):
    """The property for one form: whatever is submitted, the answer is no 5xx."""

    @_settings(20)
    @given(data=_submission(valid))
    def check(data):
        # follow the redirect: the saved record's page shows the hostile values too
        response = post(url, data, record, follow_redirects=True)
        assert response.status_code < 500, (url, data)

    return check


# ---- the inputs of the security review, one by one


PAGINATED = [
    "/projects/",
    "/partners/",
    "/events/",
    "/dialogues/",
    "/people/",
    "/audit/",
    "/funding/revenue/",
    "/reports/snapshots",
    "/admin/users",
    "/history/Project/{project_id}",
    "/audit/{entry_id}",
]


def test_a_page_number_beyond_any_list_shows_the_first_page(app, client, auth, rows):
    auth.login(Role.ADMIN)
    for page in (HUGE, "-" + HUGE, "2147483648", "-1", "0", "x", "²", "9" * 5000):
        for url in PAGINATED:
            response = client.get(url.format(**rows), query_string={"page": page})
            assert response.status_code == 200, (url, page)
    # the API answers with its own message rather than with the first page
    assert client.get("/api/v1/projects", query_string={"page": HUGE}).status_code == 400


def test_page_links_keep_the_filters_but_not_url_for_options(app, client, auth):
    auth.login(Role.ADMIN)
    for _ in range(30):
        factories.partner()
    db.session.commit()
    query = {"page": "2", "type": "government", "_scheme": "javascript", "_external": "1", "_anchor": "x"}
    response = client.get("/partners/", query_string=query)
    assert response.status_code == 200
    links = re.findall(r'class="page-link" href="([^"]*)"', response.get_data(as_text=True))
    assert "/partners/?page=1&amp;type=government" in links
    assert all(link.startswith("/partners/?") and "_" not in link for link in links), links


def test_an_id_no_row_can_have_is_an_absent_filter(app, client, auth, rows):
    auth.login(Role.ADMIN)
    for url, name in [
        ("/projects/", "donor"),
        ("/projects/", "region"),
        ("/partners/", "category"),
        ("/events/", "project"),
        ("/events/", "dialogue"),
        ("/audit/", "user"),
    ]:
        for value in (HUGE, "2147483648", "-1", "²"):
            assert client.get(url, query_string={name: value}).status_code == 200, (url, name, value)
    page = client.get("/projects/", query_string={"donor": HUGE}).get_data(as_text=True)
    assert "PRJ-" in page  # the filter is ignored: the project is listed


def test_mapping_a_project_ignores_a_project_id_no_row_can_have(app, client, auth, rows):
    auth.login(Role.OFFICER)
    url = f"/dialogues/{rows['dialogue_id']}/projects"
    for project_id in (HUGE, "2147483648", "²", "-1", "x"):
        assert client.get(url, query_string={"project_id": project_id}).status_code == 200, project_id
    # a real one is still chosen for the user
    page = client.get(url, query_string={"project_id": rows["project_id"]}).get_data(as_text=True)
    assert re.search(rf'<option (?=[^>]*selected)[^>]*value="{rows["project_id"]}"', page)


def test_a_new_person_ignores_an_event_no_row_can_have(app, client, auth):
    auth.login(Role.OFFICER)
    assert client.get("/people/new", query_string={"event": HUGE}).status_code == 200


def test_the_audit_log_searches_to_the_end_of_the_calendar(app, client, auth, rows):
    auth.login(Role.ADMIN)
    shown = f"{ENTRY_AT:%Y-%m-%d %H:%M:%S}"
    for date_from, date_to, listed in [
        ("", "9999-12-31", True),
        ("2021-06-01", "9999-12-31", True),
        ("0001-01-01", "", True),
        ("0001-01-01", "2021-06-01", True),
        ("0001-01-01", "9999-12-31", True),
        ("9999-12-31", "9999-12-31", False),
        ("0001-01-01", "2021-05-31", False),
        ("2021-06-02", "9999-12-31", False),
    ]:
        query = {"action": "merge", "date_from": date_from, "date_to": date_to}
        response = client.get("/audit/", query_string=query)
        assert response.status_code == 200, query
        assert (shown in response.get_data(as_text=True)) == listed, query


def test_the_calendar_beyond_the_years_it_shows_shows_this_month(app, client, auth):
    auth.login(Role.OFFICER)
    before = date.today().replace(day=1) - timedelta(days=1)
    for month in ("9999-12", "0001-01", "1-1", "0-1", "10000-01", "2021-13", HUGE + "-01"):
        response = client.get("/events/calendar", query_string={"month": month})
        assert response.status_code == 200, month
        assert f"/events/calendar?month={before:%Y-%m}" in response.get_data(as_text=True), month


def test_an_id_in_a_url_beyond_any_row_is_not_found(app, client, auth):
    auth.login(Role.ADMIN)
    for url in ("/projects/{huge}", "/history/Project/{huge}", "/events/{huge}/edit", "/api/v1/projects/{huge}"):
        for huge in (HUGE, 2**31):
            assert client.get(url.format(huge=huge)).status_code == 404, url


def test_a_head_count_the_column_cannot_hold_is_an_error_beside_the_field(app, client, auth):
    auth.login(Role.OFFICER)
    data = {
        "title": "Border management training",
        "type": "training",
        "start_date": "2026-11-10",
        "end_date": "2026-11-11",
        "mode": "hybrid",
        "city": "Vienna",
        "country": "AT",
        "project_id": "",
        "dialogue_id": "",
        "in_person_count": "",
        "online_count": "",
        "description": "",
    }
    for field in ("in_person_count", "online_count"):
        for count in (TWENTY_DIGITS, "2147483648", "-1"):
            response = client.post("/events/new", data={**data, field: count})
            assert response.status_code == 200, (field, count)
            page = response.get_data(as_text=True)
            errors = re.search(rf'id="{field}-errors"[^>]*>\s*<div>([^<]*)</div>', page)
            assert errors and errors[1] == "Enter a number of participants from 0 to 2147483647.", (field, count)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 0
    assert client.post("/events/new", data={**data, "in_person_count": "2147483647"}).status_code == 302


def test_a_nul_character_is_refused_with_a_message(app, client, auth, rows):
    auth.login(Role.OFFICER)
    message = "The request contains a NUL character, which no field accepts. Remove it and try again."
    for url in ("/projects/", "/partners/", "/dialogues/", "/events/", "/funding/revenue/"):
        for query in ({"q": "a\x00b"}, {"country": "\x00"}, {"a\x00": "b"}):
            response = client.get(url, query_string=query)
            assert response.status_code == 400, (url, query)
            assert message in response.get_data(as_text=True)
    for url, valid, _record in _valid_forms(rows)[::2]:
        for name in valid:
            response = client.post(url, data={**valid, name: "Ana\x00"})
            assert response.status_code == 400, (url, name)
    # the API keeps its own answer
    assert client.get("/api/v1/projects", query_string={"q": "a\x00b"}).status_code == 400


def test_a_nul_character_in_an_autosave_is_refused(app, client, auth):
    owner = factories.user(role=Role.APPLICANT)
    note = note_services.create_note(actor=owner, title="Note", language="en")
    db.session.commit()
    auth.login(user=owner)
    payload = {"section": "summary", "body": "Ana\x00", "version": 0}
    response = client.post(f"/concept-notes/{note.id}/autosave", json=payload)
    assert response.status_code == 400
    assert client.post(f"/concept-notes/{note.id}/autosave", json={**payload, "body": "Ana"}).status_code == 200
