"""Pages run a fixed number of queries however many rows they show (security.md X1)."""

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories


def _queries(client, count_queries, url) -> int:
    with count_queries() as counted:
        assert client.get(url).status_code == 200
    return counted.total


def test_event_list_and_page_query_counts_do_not_grow_with_rows(client, auth, count_queries):
    auth.login(Role.OFFICER)
    partner = factories.partner()
    event = factories.event()

    def add(n):
        for _ in range(n):
            other = factories.event(project=factories.project(), dialogue=factories.dialogue())
            factories.attendance(other, factories.person(organisation=partner))
            factories.attendance(event, factories.person(organisation=factories.partner()))
        db.session.commit()

    add(2)
    urls = ("/events/", f"/events/{event.id}", "/people/", "/people/duplicates")
    few = [_queries(client, count_queries, url) for url in urls]
    add(15)
    assert [_queries(client, count_queries, url) for url in urls] == few
