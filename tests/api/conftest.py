import pytest

from portal.accounts.models import Role
from portal.api import services
from portal.extensions import db
from tests import factories


@pytest.fixture
def bearer(app):
    """bearer(role) -> the Authorization header of a new token for a new user of that role (committed)."""

    def make(role=Role.OFFICER, user=None):
        user = user or factories.user(role=role)
        _, secret = services.create_token(user, "test")
        db.session.commit()
        return {"Authorization": f"Bearer {secret}"}

    return make
