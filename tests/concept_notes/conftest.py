"""Fixtures of the tests that call the concept-note services directly, outside a request of the test client."""

import pytest

from portal.accounts.models import Role
from tests import factories


@pytest.fixture
def request_context(app):
    """Messages and PDFs are translated for a request's locale, as in the views."""
    with app.test_request_context():
        yield


@pytest.fixture
def applicant(app):
    return factories.user(role=Role.APPLICANT, name="Ana Applicant")
