import pytest

from portal.accounts.models import Role
from portal.api import services
from portal.extensions import db
from tests import factories
from tests.conftest import config_for

#: the IATI export is refused without a reporting organisation (test_iati.py tests that)
IATI_SETTINGS = {"IATI_REPORTING_ORG_REF": "XI-IATI-TEST", "IATI_REPORTING_ORG_NAME": "Test organisation"}


@pytest.fixture
def app_config(database_url):
    return config_for(database_url, **IATI_SETTINGS)


@pytest.fixture
def bearer(app):
    """bearer(role) -> the Authorization header of a new token for a new user of that role (committed)."""

    def make(role=Role.OFFICER, user=None):
        user = user or factories.user(role=role)
        _, secret = services.create_token(user, "test")
        db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make
