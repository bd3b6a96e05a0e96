"""The events list: keyword search and a project found by what is typed, not picked from every project."""

import pytest

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories


def _events():
    mobility = factories.project(code="MOB-1", title="Labour mobility")
    return {
        "rome": factories.event(ref="EV-ROME", title="Forum on labour", city="Rome", project=mobility),
        "oslo": factories.event(ref="EV-OSLO", title="Return workshop", city="Oslo"),
        "paris": factories.event(
            ref="EV-PAR",
            title="Seminar",
            title_fr="Séminaire de Paris",
            city="Paris",
            project=factories.project(code="RET-2", title="Return and reintegration"),
        ),
    }


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"q": "forum"}, {"rome"}),
        ({"q": "ev-oslo"}, {"oslo"}),
        ({"q": "paris"}, {"paris"}),
        ({"q": "séminaire"}, {"paris"}),
        ({"project": "MOB-1"}, {"rome"}),
        ({"project": "mob-1"}, {"rome"}),
        ({"project": "reintegration"}, {"paris"}),
        ({"project": "nothing like it"}, set()),
        ({"q": "%"}, set()),
    ],
)
def test_search_and_project_filter(client, auth, args, expected):
    auth.login(Role.OFFICER)
    events = _events()
    db.session.commit()
    body = client.get("/events/", query_string=args).get_data(as_text=True)
    assert {name for name, event in events.items() if f'/events/{event.id}"' in body} == expected


def test_the_project_filter_offers_matches_not_every_project(client, auth):
    auth.login(Role.OFFICER)
    _events()
    factories.project(code="OTHER-9", title="Unrelated")
    db.session.commit()
    body = client.get("/events/").get_data(as_text=True)
    assert "OTHER-9" not in body and "<select" in body and 'list="project-matches"' in body
    body = client.get("/events/", query_string={"project": "return"}).get_data(as_text=True)
    assert '<option value="RET-2">' in body and '<option value="MOB-1">' not in body and "OTHER-9" not in body
