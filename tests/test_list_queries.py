"""Every list page runs a fixed number of queries however many rows it shows (security.md X1): no N+1.

Each case builds rows with the relations its page shows, each row with relations of its own (shared ones would
be loaded once and hide a lazy load), asks for the page, then builds more rows and asks again. The counts must be
equal, and the count for the larger list is pinned so that an added query shows."""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from portal.accounts.models import Role
from portal.api import services as api_services
from portal.audit.services import acting_as, batch
from portal.concept_notes import services as note_services
from portal.concept_notes.models import Collaborator, ReferenceItem, ReferenceKind
from portal.dialogues.models import Chairmanship
from portal.extensions import db
from portal.reports.models import KeyFigureSnapshot
from tests import factories
from tests.concept_notes import builders as note_builders

FEW, MORE = 2, 8  # both fit on one page (ITEMS_PER_PAGE is 25)


@dataclass(frozen=True)
class Page:
    name: str
    role: Role
    url: str
    #: build(n, user) adds n rows seen by `user` and returns texts that the page must show for them
    build: Callable
    queries: int

    def __str__(self):
        return self.name


# ---- builders: n rows, each with relations of its own


def _projects(n, user):
    shown = []
    for _ in range(n):
        project = factories.project(
            region=factories.region(),
            countries=["RS", "ME"],
            officer=factories.user(),
            dialogue=factories.dialogue(),
            duty_station=factories.duty_station(),
        )
        project.thematic_areas = [factories.thematic_area()]
        factories.contribution(project, factories.partner(), "10.00")
        factories.expenditure(project, 2021, "3.00")
        shown += [project.code, project.region.name]
    return shown


def _partners(n, user):
    shown = []
    for _ in range(n):
        partner = factories.partner(donor_category=factories.donor_category(), country="AT")
        shown += [partner.name, partner.donor_category.name]
    return shown


def _revenue(n, user):
    shown = []
    for _ in range(n):
        revenue = factories.revenue(2021, "5.00", partner=factories.partner())
        shown += [revenue.ref, revenue.partner.name]
    return shown


def _dialogues(n, user):
    shown = []
    for _ in range(n):
        dialogue = factories.dialogue(
            region=factories.region(),
            secretariat=factories.partner(),
            members=["AT", "DE"],
            started_on=date(2020, 1, 1),
        )
        dialogue.chairmanships.append(Chairmanship(country="FR", start_date=date(2000, 1, 1)))
        factories.project(region=factories.region(), dialogue=dialogue)
        shown += [dialogue.name, dialogue.region.name, dialogue.secretariat.name]
    db.session.flush()
    return shown


def _events(n, user):
    shown = []
    for _ in range(n):
        event = factories.event(
            start_date=date(2021, 3, 10),
            project=factories.project(),
            dialogue=factories.dialogue(),
            partners=[factories.partner()],
        )
        factories.attendance(event, factories.person(organisation=factories.partner()))
        shown += [event.title, event.project.code, event.dialogue.name]
    return shown


def _calendar_events(n, user):
    return [title for title in _events(n, user) if title.startswith("Event")]


def _people(n, user):
    shown = []
    for _ in range(n):
        person = factories.person(organisation=factories.partner())
        factories.attendance(factories.event(project=factories.project()), person)
        shown += [person.last_name, person.organisation.name]
    return shown


def _duplicates(n, user):
    shown = []
    for _ in range(n):
        organisation = factories.partner()
        twins = [factories.person(email=f"{organisation.ref}@example.org", organisation=organisation) for _ in "ab"]
        for person in twins:
            factories.attendance(factories.event(), person)
        shown += [person.last_name for person in twins]
    return shown


def _submitted_note(owner):
    note = note_builders.note(owner, title=f"Note of {owner.name}")
    colleague = factories.user(role=Role.APPLICANT)
    note_services.accept_invitation(note_services.invite_collaborator(note, colleague.email, actor=owner), colleague)
    note_services.submit_note(note, actor=owner, rate=Decimal("0.07"), pages=1, limit=15, warning=12)
    return note


def _own_notes(n, user):
    """An applicant's notes: owned, with a collaborator, submitted; and notes of others that they work on."""
    shown = []
    for _ in range(n):
        note = _submitted_note(user)
        other = note_services.create_note(actor=factories.user(role=Role.APPLICANT), title="Shared", language="en")
        other.collaborators.append(Collaborator(user=user))
        db.session.flush()
        shown += [f'href="/concept-notes/{note.id}"', f'href="/concept-notes/{other.id}"', other.owner.name]
    return shown


def _reviewable_notes(n, user):
    shown = []
    for _ in range(n):
        note = _submitted_note(factories.user(role=Role.APPLICANT))
        shown += [f'href="/concept-notes/{note.id}"', note.owner.name]
    return shown


def _note_reference_items(n, user):
    note_services.ensure_reference_data()
    shown = []
    for kind in ReferenceKind:
        for _ in range(n):
            code = f"Z{factories._next()}"
            item = ReferenceItem(kind=kind, code=code, label=f"Label {code}", title="", position=99, is_active=True)
            db.session.add(item)
            shown.append(item.label)
    db.session.flush()
    return shown


def _audit_entries(n, user):
    shown = []
    for _ in range(n):
        actor = factories.user()
        with acting_as(actor.id):
            factories.partner()
        shown.append(actor.name)
    return shown


def _reference_items(n, user):
    """Rows of every kind; the index shows how many of each."""
    for _ in range(n):
        factories.region()
        factories.thematic_area()
        factories.donor_category()
        factories.duty_station()
        factories.rate(f"X{factories._next() % 100:02d}", 2021, "1.5")
    return []


REFERENCE_ROWS = {
    "regions": lambda: factories.region().name,
    "thematic-areas": lambda: factories.thematic_area().name,
    "donor-categories": lambda: factories.donor_category().name,
    "exchange-rates": lambda: factories.rate(f"X{factories._next() % 100:02d}", 2021, "1.5").currency,
    "duty-stations": lambda: factories.duty_station(city=f"City {factories._next()}").city,
}


def _reference_rows(kind):
    return lambda n, user: [REFERENCE_ROWS[kind]() for _ in range(n)]


def _users(n, user):
    roles = list(Role)
    return [factories.user(role=roles[i % len(roles)]).email for i in range(n)]


def _snapshots(n, user):
    shown = []
    for _ in range(n):
        region = factories.region()
        publisher = factories.user(role=Role.MANAGER)
        db.session.add(
            KeyFigureSnapshot(
                year=2021,
                filters=json.dumps({"region": region.code}),
                document="{}",
                pdf=b"%PDF",
                language="en",
                published_by_id=publisher.id,
            )
        )
        shown += [region.name, publisher.name]
    db.session.flush()
    return shown


def _tokens(n, user):
    return [api_services.create_token(user, f"Token {factories._next()}")[0].name for _ in range(n)]


# ---- the pages

PAGES = [
    Page("projects", Role.OFFICER, "/projects/", _projects, 11),
    Page("partners", Role.OFFICER, "/partners/", _partners, 6),
    Page("revenue", Role.OFFICER, "/funding/revenue/", _revenue, 5),
    Page("dialogues", Role.OFFICER, "/dialogues/", _dialogues, 8),
    Page("events", Role.OFFICER, "/events/", _events, 9),
    Page("calendar", Role.OFFICER, "/events/calendar?month=2021-03", _calendar_events, 3),
    Page("people", Role.OFFICER, "/people/", _people, 5),
    Page("duplicates", Role.OFFICER, "/people/duplicates", _duplicates, 6),
    Page("own concept notes", Role.APPLICANT, "/concept-notes/", _own_notes, 8),
    Page("concept notes to review", Role.MANAGER, "/concept-notes/", _reviewable_notes, 7),
    Page("review queue", Role.ADMIN, "/concept-notes/review", _reviewable_notes, 6),
    Page("concept-note reference lists", Role.ADMIN, "/concept-notes/reference", _note_reference_items, 4),
    Page("audit log", Role.ADMIN, "/audit/", _audit_entries, 9),
    Page("reference data", Role.ADMIN, "/admin/reference/", _reference_items, 7),
    *(
        Page(f"reference {kind}", Role.ADMIN, f"/admin/reference/{kind}/", _reference_rows(kind), 3)
        for kind in REFERENCE_ROWS
    ),
    Page("users", Role.ADMIN, "/admin/users", _users, 4),
    Page("key-figure snapshots", Role.OFFICER, "/reports/snapshots", _snapshots, 8),
    Page("api tokens", Role.OFFICER, "/account/api-tokens/", _tokens, 3),
    Page("api projects", Role.OFFICER, "/api/v1/projects", _projects, 6),
    Page("api partners", Role.OFFICER, "/api/v1/partners", _partners, 4),
    Page("api dialogues", Role.OFFICER, "/api/v1/dialogues", _dialogues, 6),
    Page("api events", Role.OFFICER, "/api/v1/events", _events, 7),
]


def _get(client, count_queries, url):
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200, url
    return counted, response


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_list_runs_as_many_queries_for_more_rows(client, auth, count_queries, page):
    user = auth.login(page.role)
    page.build(FEW, user)
    db.session.commit()
    few, _ = _get(client, count_queries, page.url)
    shown = page.build(MORE, user)
    db.session.commit()
    more, response = _get(client, count_queries, page.url)

    body = response.get_data(as_text=True)
    assert [text for text in shown if text not in body] == []
    if response.is_json:
        assert response.json["total"] == FEW + MORE
    statements = "\n\n".join(more.statements)
    assert few.total == more.total, statements
    assert more.total == page.queries, statements


# ---- lists of one record's audit entries: a project's history, an import's rows


def _project_history(n):
    project = factories.project()
    shown = []
    for _ in range(n):
        actor = factories.user()
        with acting_as(actor.id):
            project.title = f"Title {factories._next()}"
            db.session.flush()
        shown += [actor.name, project.title]
    return f"/history/Project/{project.id}", shown


def _import_rows(n):
    with acting_as(factories.user().id), batch("projects", "projects.xlsx") as imported:
        projects = [factories.project(region=factories.region()) for _ in range(n)]
    return f"/audit/{imported.id}", [f"Project</span> {project.code}" for project in projects]


@pytest.mark.parametrize(
    ("build", "role", "queries"),
    [(_project_history, Role.OFFICER, 7), (_import_rows, Role.ADMIN, 8)],
    ids=["history", "import rows"],
)
def test_audit_entries_of_one_record_run_as_many_queries_for_more_rows(
    client, auth, count_queries, build, role, queries
):
    auth.login(role)
    few_url, _ = build(FEW)
    more_url, shown = build(MORE)
    db.session.commit()
    few, _ = _get(client, count_queries, few_url)
    more, response = _get(client, count_queries, more_url)

    body = response.get_data(as_text=True)
    assert [text for text in shown if text not in body] == []
    statements = "\n\n".join(more.statements)
    assert few.total == more.total, statements
    assert more.total == queries, statements
