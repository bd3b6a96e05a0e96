"""Every list sorts by each of its columns both ways, through a header link that keeps the other arguments; an
unknown key gives the default order; pages follow the chosen order."""

import re
from datetime import UTC, date, datetime

import pytest

from portal.accounts.models import Role
from portal.concept_notes import services as note_services
from portal.events.models import EventMode, EventType
from portal.extensions import db
from portal.funding.models import RevenueType
from portal.participants.models import Sector
from portal.partners.models import PartnerType
from portal.projects.models import ProjectStatus
from tests import factories


def _projects():
    first = factories.project(
        code="AAA-1", title="Alpha", region=factories.region(name="Africa"), start_date=date(2019, 1, 1)
    )
    first.status = ProjectStatus.ACTIVE
    second = factories.project(
        code="BBB-1", title="Beta", region=factories.region(name="Europe"), start_date=date(2021, 1, 1)
    )
    second.status = ProjectStatus.CLOSED
    return f'/projects/{first.id}"', f'/projects/{second.id}"'


def _partners():
    first = factories.partner(
        name="Alpha",
        ref="A1",
        acronym="AL",
        type=PartnerType.ACADEMIA,
        country="AT",
        donor_category=factories.donor_category(name="Alpha donors"),
    )
    second = factories.partner(
        name="Beta",
        ref="B1",
        acronym="BE",
        type=PartnerType.GOVERNMENT,
        country="DE",
        donor_category=factories.donor_category(name="Beta donors"),
    )
    return f'/partners/{first.id}"', f'/partners/{second.id}"'


def _dialogues():
    first = factories.dialogue(
        name="Alpha",
        region=factories.region(name="Africa"),
        secretariat=factories.partner(acronym="AA"),
        started_on=date(2019, 1, 1),
        members=["AT"],
    )
    second = factories.dialogue(
        name="Beta",
        region=factories.region(name="Europe"),
        secretariat=factories.partner(acronym="BB"),
        started_on=date(2021, 1, 1),
        members=["AT", "DE"],
    )
    return f'/dialogues/{first.id}"', f'/dialogues/{second.id}"'


def _events():
    first = factories.event(
        title="Alpha",
        start_date=date(2019, 1, 1),
        type=EventType.CONFERENCE,
        mode=EventMode.HYBRID,
        city="Athens",
        project=factories.project(code="AAA-1"),
    )
    second = factories.event(
        title="Beta",
        start_date=date(2021, 1, 1),
        type=EventType.TRAINING,
        mode=EventMode.IN_PERSON,
        city="Berlin",
        project=factories.project(code="BBB-1"),
    )
    return f'/events/{first.id}"', f'/events/{second.id}"'


def _revenue():
    first = factories.revenue(2019, "10.00", type=RevenueType.MEMBERSHIP, partner=factories.partner(name="Alpha"))
    second = factories.revenue(2021, "20.00", type=RevenueType.OTHER, partner=factories.partner(name="Beta"))
    first.ref, second.ref = "RA", "RB"
    return "RA<", "RB<"


def _people():
    first = factories.person(
        first_name="Ana",
        last_name="Alpha",
        email="a@example.org",
        organisation_name="Alpha org",
        country="AT",
        sector=Sector.ACADEMIA_CIVIL_SOCIETY,
    )
    second = factories.person(
        first_name="Bo",
        last_name="Beta",
        email="b@example.org",
        organisation_name="Beta org",
        country="DE",
        sector=Sector.PRIVATE_SECTOR,
    )
    return f'/people/{first.id}"', f'/people/{second.id}"'


def _users():
    first = factories.user(name="Alpha", email="a@example.org", role=Role.APPLICANT, is_enabled=False)
    second = factories.user(name="Beta", email="b@example.org", role=Role.OFFICER)
    first.last_login_at, second.last_login_at = datetime(2020, 1, 1, tzinfo=UTC), datetime(2021, 1, 1, tzinfo=UTC)
    return f'/admin/users/{first.id}"', f'/admin/users/{second.id}"'


#: (url, role, build, {key: True when the first row comes first in ascending order})
LISTS = {
    "projects": ("/projects/", Role.OFFICER, _projects, {"code": 1, "title": 1, "region": 1, "period": 1, "status": 1}),
    "partners": (
        "/partners/",
        Role.OFFICER,
        _partners,
        {"ref": 1, "name": 1, "acronym": 1, "type": 1, "category": 1, "country": 1},
    ),
    "dialogues": (
        "/dialogues/",
        Role.OFFICER,
        _dialogues,
        {"name": 1, "region": 1, "secretariat": 1, "members": 1, "started": 1},
    ),
    "events": (
        "/events/",
        Role.OFFICER,
        _events,
        {"dates": 1, "title": 1, "type": 1, "mode": 1, "place": 1, "project": 1},
    ),
    "revenue": (
        "/funding/revenue/",
        Role.OFFICER,
        _revenue,
        {"ref": 1, "year": 1, "type": 1, "partner": 1, "amount": 1},
    ),
    "people": (
        "/people/",
        Role.OFFICER,
        _people,
        {"name": 1, "email": 1, "organisation": 1, "country": 1, "sector": 1},
    ),
    "users": ("/admin/users", Role.ADMIN, _users, {"name": 1, "email": 1, "role": 1, "status": 1, "last_login": 1}),
}


def _order(body, markers):
    positions = [body.index(marker) for marker in markers]
    return positions[0] < positions[1]


@pytest.mark.parametrize("name", LISTS)
def test_each_column_sorts_both_ways(client, auth, name):
    url, role, build, keys = LISTS[name]
    auth.login(role)
    markers = build()
    db.session.commit()
    for key, first_comes_first in keys.items():
        ascending = client.get(f"{url}?sort={key}").get_data(as_text=True)
        descending = client.get(f"{url}?sort=-{key}").get_data(as_text=True)
        also_descending = client.get(f"{url}?sort={key}&dir=desc").get_data(as_text=True)
        assert _order(ascending, markers) == bool(first_comes_first), (name, key)
        assert _order(descending, markers) != bool(first_comes_first), (name, key)
        assert _order(also_descending, markers) != bool(first_comes_first), (name, key)
        assert re.search(r'aria-sort="ascending"', ascending) and re.search(r'aria-sort="descending"', descending)


@pytest.mark.parametrize("value", ["nonsense", "-", "--title", "title;drop", "%00", "__class__"])
def test_an_unknown_key_gives_the_default_order(client, auth, value):
    auth.login(Role.OFFICER)
    older = factories.event(title="Older", start_date=date(2019, 1, 1))
    newer = factories.event(title="Newer", start_date=date(2021, 1, 1))
    db.session.commit()
    response = client.get("/events/", query_string={"sort": value})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.index(f'/events/{newer.id}"') < body.index(f'/events/{older.id}"')


def test_the_header_links_keep_the_filters_and_turn_the_order_around(client, auth):
    auth.login(Role.OFFICER)
    factories.project(title="Alpha")
    db.session.commit()
    body = client.get("/projects/?q=Alpha&status=active&sort=title").get_data(as_text=True)
    header = re.search(r'<th scope="col" aria-sort="ascending">\s*<a class="sort-link" href="([^"]+)"', body)
    link = header.group(1).replace("&amp;", "&")
    assert "q=Alpha" in link and "status=active" in link and "sort=-title" in link


def test_pages_follow_the_order_and_keep_it(app, client, auth):
    app.config["ITEMS_PER_PAGE"] = 2
    auth.login(Role.OFFICER)
    partners = [factories.partner(name=name) for name in ("Delta", "Alpha", "Echo", "Charlie", "Bravo")]
    db.session.commit()
    seen = []
    for page in (1, 2, 3):
        body = client.get(f"/partners/?sort=-name&page={page}").get_data(as_text=True)
        seen += [
            p.name
            for p in sorted(partners, key=lambda p: body.find(f'/partners/{p.id}"'))
            if body.count(f'/partners/{p.id}"')
        ]
        if page == 1:
            assert "sort=-name" in body.split('aria-label="Pages"')[1]
    assert seen == ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]


def test_the_filter_form_keeps_the_order(client, auth):
    auth.login(Role.OFFICER)
    body = client.get("/partners/?sort=-name").get_data(as_text=True)
    assert '<input type="hidden" name="sort" value="-name">' in body


def test_the_notes_list_sorts_by_its_columns(client, auth):
    applicant = auth.login(Role.APPLICANT)
    alpha = note_services.create_note(actor=applicant, title="Alpha", language="en")
    beta = note_services.create_note(actor=applicant, title="Beta", language="en")
    db.session.commit()
    markers = (f'/concept-notes/{alpha.id}"', f'/concept-notes/{beta.id}"')
    assert _order(client.get("/concept-notes/?sort=title").get_data(as_text=True), markers)
    assert not _order(client.get("/concept-notes/?sort=-title").get_data(as_text=True), markers)
