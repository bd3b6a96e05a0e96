"""Pages run a fixed number of queries however many rows they show (security.md X1)."""

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.extensions import db
from tests import factories


def _queries(client, url) -> int:
    count = 0

    def counted(*args):
        nonlocal count
        count += 1

    sa.event.listen(db.engine, "before_cursor_execute", counted)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", counted)
    return count


def test_event_list_and_page_query_counts_do_not_grow_with_rows(client, auth):
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
    few = [_queries(client, url) for url in urls]
    add(15)
    assert [_queries(client, url) for url in urls] == few
