"""Retention: people without consent who were seen at no event for the configured years are anonymised as erasure
does, keeping what past figures count; a dry run lists them and changes nothing."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from portal.accounts.models import Role
from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.participants import personal_data, queries
from portal.participants.models import Gender, Person, Sector
from portal.participants.tasks import apply_retention_rule
from tests import factories

TODAY = date(2026, 11, 30)
LONG_AGO = datetime(2015, 1, 1, tzinfo=UTC)


@pytest.fixture
def people():
    """Who is due after five years, and who is not, each for its reason."""

    def person(name, *, created=LONG_AGO, **kwargs):
        someone = factories.person(first_name=name, **kwargs)
        someone.created_at = created
        return someone

    old_event = factories.event(start_date=date(2019, 6, 3), end_date=date(2019, 6, 4))
    recent_event = factories.event(start_date=date(2022, 5, 2), end_date=date(2022, 5, 3))
    due_never_seen = person("Never", gender=Gender.MALE, sector=Sector.ACADEMIA_CIVIL_SOCIETY, country="RS")
    due_seen_long_ago = person("Old")
    factories.attendance(old_event, due_seen_long_ago)
    seen_recently = person("Recent")
    factories.attendance(old_event, seen_recently)
    factories.attendance(recent_event, seen_recently)
    consented = person("Consented", consent=True)
    recorded_recently = person("New", created=datetime(2024, 2, 1, tzinfo=UTC))
    db.session.flush()
    return {
        "due": [due_never_seen, due_seen_long_ago],
        "kept": [seen_recently, consented, recorded_recently],
        "old_event": old_event,
    }


def test_the_rule_names_those_without_consent_seen_nowhere_for_the_period(app, people):
    assert queries.retention_due(TODAY, 5) == people["due"]
    assert queries.retention_due(TODAY, 20) == []


def test_applying_it_anonymises_them_keeps_what_figures_count_and_says_so_once(app, people):
    never, old = people["due"]
    assert personal_data.apply_retention(queries.retention_due(TODAY, 5), years=5) == 2
    db.session.commit()

    for person in (never, old):
        db.session.refresh(person)
        assert person.erased_at is not None and person.first_name == "Erased" and person.email is None
    assert (never.gender, never.sector, never.country) == (Gender.MALE, Sector.ACADEMIA_CIVIL_SOCIETY, "RS")
    assert [a.event_id for a in old.attendances] == [people["old_event"].id]
    assert all(p.erased_at is None for p in people["kept"])
    (run,) = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "retention"))
    assert run.detail_dict == {"years": 5, "anonymised": 2}
    assert queries.retention_due(TODAY, 5) == []


def test_the_command_lists_without_changing_and_applies_when_asked(app, people):
    db.session.commit()
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["people", "retention", "--years", "5"])
    assert listed.exit_code == 0 and "Never" in listed.output and "Recent" not in listed.output
    assert "nothing changed" in listed.output
    assert db.session.scalar(sa.select(sa.func.count()).where(Person.erased_at.is_not(None))) == 0

    applied = runner.invoke(args=["people", "retention", "--years", "5", "--apply"])
    assert applied.exit_code == 0 and "2 anonymised" in applied.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).where(Person.erased_at.is_not(None))) == 2


def test_the_nightly_task_runs_only_with_a_retention_period(app, people):
    db.session.commit()
    assert apply_retention_rule.task_class().validate_datetime(datetime(2026, 12, 1, 3, 15))
    assert not apply_retention_rule.task_class().validate_datetime(datetime(2026, 12, 1, 4, 15))
    app.config["PERSONAL_DATA_RETENTION_YEARS"] = 0
    assert apply_retention_rule.call_local() == 0
    app.config["PERSONAL_DATA_RETENTION_YEARS"] = 5
    assert apply_retention_rule.call_local() == 2


def test_the_run_reads_in_the_audit_log(app, people, client, auth):
    personal_data.apply_retention(queries.retention_due(TODAY, 5), years=5)
    db.session.commit()
    auth.login(Role.ADMIN)
    page = client.get("/audit/?action=retention").get_data(as_text=True)
    assert "Retention applied" in page and "People anonymised" in page and "Retention period (years)" in page


def test_admins_see_who_the_rule_would_anonymise_and_nothing_changes(app, people, client, auth):
    app.config["PERSONAL_DATA_RETENTION_YEARS"] = 5
    db.session.commit()
    auth.login(Role.ADMIN)
    page = client.get("/people/retention").get_data(as_text=True)

    due = queries.retention_due(date.today(), 5)
    assert people["due"][0] in due  # seen nowhere since 2015: due whatever the day the test runs
    assert {f'href="/people/{person.id}"' in page for person in due} == {True}
    consented = people["kept"][1]
    assert f'href="/people/{consented.id}"' not in page
    assert f"{len(due)} people would be anonymised tonight" in page
    db.session.expire_all()
    assert db.session.get(Person, people["due"][0].id).first_name == "Never"


def test_the_page_says_when_the_rule_is_off(app, client, auth):
    app.config["PERSONAL_DATA_RETENTION_YEARS"] = 0
    auth.login(Role.ADMIN)
    assert 'id="retention-off"' in client.get("/people/retention").get_data(as_text=True)
