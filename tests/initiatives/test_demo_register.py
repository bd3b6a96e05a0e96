"""The demo's action plans and JVAP register: one plan shared by the Rabat and Khartoum Processes, the Prague
Process's expired 2016 plan, and initiatives of other actors in a cycle, reviewed in each way."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from portal import create_app
from portal.dialogues.models import Dialogue
from portal.extensions import db
from portal.initiatives.models import Initiative, Review
from portal.initiatives.queries import plan_figures
from tests.conftest import _empty_tables, config_for


@pytest.fixture(scope="module")
def demo(database_url):
    app = create_app(config_for(database_url))
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
        assert result.exit_code == 0, result.output
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def test_the_demo_shares_the_jvap_and_keeps_pragues_expired_plan(demo):
    dialogues = {d.code: d for d in db.session.scalars(sa.select(Dialogue))}
    (jvap,) = dialogues["RP"].plans
    assert dialogues["KP"].plans == [jvap] and jvap.title == "Joint Valletta Action Plan"
    assert len(jvap.domains) == 5
    (prague,) = dialogues["PP"].plans
    assert prague.valid_until == date(2021, 12, 31) and prague.is_expired(date(2026, 1, 1))
    assert dialogues["MTM"].plans == []

    reviews = sorted(db.session.scalars(sa.select(Initiative.review)))
    assert reviews.count(Review.VALIDATED) == 3 and reviews.count(Review.RETURNED) == 1
    assert reviews.count(Review.SUBMITTED) == 1
    returned = db.session.scalar(sa.select(Initiative).where(Initiative.review == Review.RETURNED))
    assert returned.return_reason

    figures = plan_figures(db.session, jvap)
    cycle = figures.cycles[0]
    assert cycle.initiatives.count == 3
    assert cycle.initiatives.money == {"EUR": Decimal("5250000.00"), "USD": Decimal("2800000.00")}
    assert sum(row.projects.count for row in figures.domains) > 0
