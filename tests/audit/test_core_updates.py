"""record_updates(): rows updated with Core are logged by the rules of the ORM's entries."""

import json
from decimal import Decimal

import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.audit.services import acting_as, batch, record_updates
from portal.extensions import db
from tests import factories


def _updates():
    db.session.flush()
    query = sa.select(AuditEntry).where(AuditEntry.action == "update").order_by(AuditEntry.id)
    return [(e.record_type, e.record_id, e.parent_id, json.loads(e.changes)) for e in db.session.scalars(query)]


def test_skipped_preferences_and_secrets_are_logged_as_by_the_orm(app):
    user = factories.user(Role.OFFICER)
    db.session.commit()
    record_updates(
        "User",
        [
            (
                user.id,
                {"name": "Old", "language": "en", "version": 1, "password_hash": "old", "totp_secret": None},
                {"name": "New", "language": "fr", "version": 2, "password_hash": "new", "totp_secret": None},
            )
        ],
    )
    assert _updates() == [
        ("User", user.id, None, {"name": ["Old", "New"], "password_hash": ["[redacted]", "[redacted]"]})
    ]


def test_equal_values_and_unchanged_rows_are_not_logged(app):
    project = factories.project()
    db.session.commit()
    record_updates(
        "Project",
        [
            (project.id, {"title": "Same", "end_date": None}, {"title": "Same", "end_date": None}),
            (project.id, {"currency": "EUR"}, {"currency": "EUR"}),
        ],
    )
    assert _updates() == []


def test_the_parent_is_named_in_a_batch_and_outside_one(app):
    project, other = factories.project(), factories.project()
    contribution = factories.contribution(project, factories.partner(), "10")
    db.session.commit()
    record_updates("Contribution", [(contribution.id, {"amount": Decimal("10.00")}, {"amount": Decimal("12.50")})])
    with acting_as(None, "cli"), batch("contributions"):
        record_updates("Contribution", [(contribution.id, {"amount": Decimal("12.50")}, {"amount": Decimal("20")})])
        record_updates("Contribution", [(contribution.id, {"project_id": project.id}, {"project_id": other.id})])
    entries = _updates()
    assert [(parent, changes) for _, _, parent, changes in entries] == [
        (project.id, {"amount": ["10.00", "12.50"]}),
        (project.id, {"amount": ["12.50", "20"]}),
        (other.id, {"project_id": [project.id, other.id]}),
    ]
    (imported,) = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "import"))
    assert imported.detail_dict["rows"] == {"Contribution": 2}
