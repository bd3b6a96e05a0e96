import pytest
import sqlalchemy as sa

from portal.demo.loader import DemoError, is_empty, load_demo
from portal.extensions import db
from portal.reference.models import Region
from tests import factories


def test_the_demo_is_kept_in_euro(app):
    with pytest.raises(DemoError):
        load_demo(db.session, reporting_currency="USD")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Region)) == 0


def test_reference_data_alone_leaves_the_database_empty_for_the_demo(app):
    factories.region()
    assert is_empty(db.session)
    factories.project()
    assert not is_empty(db.session)


def test_demo_load_refuses_a_database_with_data(runner):
    factories.partner()
    db.session.commit()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0 and "empty database" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Region)) == 0
