"""The demo portfolio, loaded once for this module: what the loader promises, recomputed with plain sums, and the
2021 key figures of the annual report through the official query."""

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from lxml import etree

from portal import create_app
from portal.accounts.models import User
from portal.demo import data
from portal.demo.cli import DEMO_ACCOUNTS, DEMO_PASSWORD
from portal.dialogues.models import Dialogue
from portal.events.models import CONFERENCE_TYPES, Event
from portal.exchange.iati import ActivityDefaults, ReportingOrg, iati_activities
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.participants.models import Attendance, Person
from portal.partners.rules import iati_ref_problems
from portal.projects.models import Project, ProjectStatus, project_priorities
from portal.reference.models import DutyStation, ExchangeRate, Setting
from portal.reports.queries import key_figures, key_figures_document
from tests.conftest import IsolatedClient, _empty_tables, config_for

START, END = date(2021, 1, 1), date(2021, 12, 31)


@pytest.fixture(scope="module")
def demo(database_url):
    """An app whose database holds the demo, loaded through the CLI as `make run` does; emptied afterwards."""
    app = create_app(config_for(database_url))
    app.test_client_class = IsolatedClient
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["demo", "load", "--if-empty"])
        assert result.exit_code == 0, result.output
        db.session.remove()
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


def _count(query) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))


def _rates() -> dict:
    return {
        (c, y): r
        for c, y, r in db.session.execute(sa.select(ExchangeRate.currency, ExchangeRate.year, ExchangeRate.rate))
    }


def _eur(amount, currency, year, rates) -> Decimal:
    rate = Decimal(1) if currency == "EUR" else rates[(currency, year)]
    return (Decimal(amount) * rate).quantize(Decimal("0.01"))


def _projects_2021():
    return sa.select(Project.id).where(
        Project.status != ProjectStatus.PIPELINE,
        Project.start_date <= END,
        sa.or_(Project.end_date.is_(None), Project.end_date >= START),
    )


def test_portfolio_of_2021(demo):
    assert _count(_projects_2021()) == 84
    countries = db.session.scalars(
        sa.text(
            "SELECT DISTINCT country FROM project_countries WHERE project_id IN "
            "(SELECT id FROM projects WHERE status != 'PIPELINE' AND start_date <= :end "
            "AND (end_date IS NULL OR end_date >= :start))"
        ),
        {"start": START, "end": END},
    ).all()
    assert len(countries) == 91
    assert "XK" in countries
    open_stations = sa.select(DutyStation.id).where(
        sa.or_(DutyStation.opened_on.is_(None), DutyStation.opened_on <= END),
        sa.or_(DutyStation.closed_on.is_(None), DutyStation.closed_on >= START),
    )
    assert _count(open_stations) == 29
    rates = _rates()
    contracted = sum(
        _eur(a, c, s.year, rates)
        for a, c, s in db.session.execute(
            sa.select(Contribution.amount, Contribution.currency, Contribution.signed_on).where(
                Contribution.project_id.in_(_projects_2021())
            )
        )
    )
    assert contracted == Decimal("329000000.00")
    assert {c for (c,) in db.session.execute(sa.select(Contribution.currency).distinct())} >= {
        "EUR",
        "USD",
        "CHF",
        "GBP",
    }


def test_revenue_by_year_and_type(demo):
    rates = _rates()
    totals = {}
    for year in range(2016, 2022):
        by_type = {
            t: sum(
                (
                    _eur(a, c, year, rates)
                    for a, c in db.session.execute(
                        sa.select(Revenue.amount, Revenue.currency).where(Revenue.year == year, Revenue.type == t)
                    )
                ),
                Decimal(0),
            )
            for t in RevenueType
        }
        project = sum(
            _eur(a, c, year, rates)
            for a, c in db.session.execute(
                sa.select(Expenditure.amount, Expenditure.currency).where(Expenditure.year == year)
            )
        )
        totals[year] = sum(by_type.values()) + project
        if year == 2021:
            assert by_type[RevenueType.MEMBERSHIP] == Decimal("1482000.00")
            assert by_type[RevenueType.OPERATIONAL] == Decimal("3303000.00")
            assert by_type[RevenueType.OTHER] == Decimal("671000.00")
            assert project == Decimal("52752000.00")
    assert [round(totals[y] / 100_000) / 10 for y in range(2016, 2022)] == [24.3, 32.1, 38.4, 45.8, 58.0, 58.2]


def test_outreach_of_2021(demo):
    in_year = sa.select(Event).where(Event.start_date.between(START, END))
    events = db.session.scalars(in_year).all()
    assert sum(e.type in CONFERENCE_TYPES for e in events) == 37
    assert sum(e.type not in CONFERENCE_TYPES for e in events) == 611
    assert sum(e.days for e in events) == 2834
    places = {(e.country, " ".join(e.city.split()).casefold()) for e in events if e.mode != "online"}
    assert len(places) == 179
    attended = dict(
        db.session.execute(
            sa.select(Attendance.event_id, sa.func.count()).where(Attendance.attended).group_by(Attendance.event_id)
        ).all()
    )
    listed = set(db.session.scalars(sa.select(Attendance.event_id).distinct()))
    participants = sum(
        attended.get(e.id, 0) if e.id in listed else (e.in_person_count or 0) + (e.online_count or 0) for e in events
    )
    assert participants == 12420
    assert 60 <= len(listed & {e.id for e in events}) <= 100
    assert len({p.id for e in events for p in e.partners}) == 141
    assert _count(sa.select(Person.id)) > 1000
    assert _count(sa.select(Event.id).where(Event.start_date < START)) > 100


def test_the_official_key_figures_are_the_reports(demo):
    document = key_figures_document(key_figures(db.session, 2021, reporting_currency="EUR"))
    assert {
        k: document[k]
        for k in (
            "projects",
            "countries",
            "contracted_volume",
            "duty_stations",
            "conferences",
            "trainings_meetings_workshops",
            "event_days",
            "locations",
            "participants",
            "partners",
        )
    } == {
        "projects": 84,
        "countries": 91,
        "contracted_volume": "329000000.00",
        "duty_stations": 29,
        "conferences": 37,
        "trainings_meetings_workshops": 611,
        "event_days": 2834,
        "locations": 179,
        "participants": 12420,
        "partners": 141,
    }
    assert document["revenue"] == {
        "membership": "1482000.00",
        "operational": "3303000.00",
        "project": "52752000.00",
        "other": "671000.00",
        "total": "58208000.00",
    }
    funding = {code: line["percent"] for code, line in document["implementation_by_funding"].items()}
    assert funding == {"eu": 74, "member_states": 10, "other_states": 14, "un_io": 2, "other": 0}
    regions = {code: line["percent"] for code, line in document["implementation_by_region"].items()}
    assert regions == {"WBT": 8, "EECA": 9, "SR": 14, "MED": 39, "AFR": 9, "GLOBAL": 19, "PRS": 2}
    assert document["implementation_by_year"]["2020"] == "58034000.00"


def test_loading_again_if_empty_changes_nothing(demo):
    before = [_count(sa.select(model.id)) for model in (Project, Event, Person, Contribution)]
    runner = demo.test_cli_runner()
    result = runner.invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0 and "not loaded" in result.output
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    db.session.expire_all()
    assert [_count(sa.select(model.id)) for model in (Project, Event, Person, Contribution)] == before
    assert Setting.get("demo_data") == "2021"


def test_demo_accounts_sign_in_and_see_the_banner(demo):
    runner = demo.test_cli_runner()
    first = runner.invoke(args=["demo", "accounts"])
    second = runner.invoke(args=["demo", "accounts"])
    assert first.exit_code == second.exit_code == 0
    assert "http://127.0.0.1:5000" in first.output and DEMO_PASSWORD in first.output
    assert _count(sa.select(User.id)) == len(DEMO_ACCOUNTS)
    client = demo.test_client()
    response = client.post("/login", data={"email": "officer@demo.example", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
    assert "Demo data" in page


def test_dialogues_of_the_report(demo):
    dialogues = {d.code: d for d in db.session.scalars(sa.select(Dialogue))}
    assert set(dialogues) == {"BP", "PP", "RP", "KP", "MTM"}
    assert {d.secretariat.acronym for d in dialogues.values()} == {"ICMPD"}
    assert dialogues["KP"].chair_on(date(2021, 6, 30)).country == "NL"
    assert dialogues["MTM"].chair_on(date(2021, 6, 30)) is None
    assert [len(d.priorities) > 0 for d in dialogues["RP"].domains] == [True] * 5
    assert [d.title for d in dialogues["RP"].domains] == [d.title for d in dialogues["KP"].domains]
    mapped = db.session.scalar(sa.select(sa.func.count()).select_from(project_priorities))
    assert mapped > 30
    # the Africa-EU dialogue projects support both processes of the Joint Valletta Action Plan
    mmd = db.session.scalar(sa.select(Project).where(Project.acronym == "MMD II"))
    assert [d.code for d in mmd.dialogues] == ["KP", "RP"]
    assert mmd in dialogues["KP"].projects and mmd in dialogues["RP"].projects
    assert _count(sa.select(Event.id).where(Event.dialogue_id.is_not(None))) > 50


def test_people_come_to_several_events(demo):
    records = _count(sa.select(Attendance.id).where(Attendance.attended))
    people = _count(sa.select(Attendance.person_id).where(Attendance.attended).distinct())
    assert people < records
    assert _count(sa.select(Person.id).where(Person.consent)) > 0
    assert _count(sa.select(Person.id).where(Person.country == "XK")) > 0


def test_the_demo_iati_file_names_donors_by_their_organisation_identifier(demo):
    assert all(not iati_ref_problems(ref) for ref in data.IATI_REFS.values())
    xml = iati_activities(
        db.session,
        reporting_org=ReportingOrg("XX-DEMO-PORTAL", "Demo", "40"),
        defaults=ActivityDefaults.from_config(demo.config),
        reporting_currency="EUR",
        today=date(2026, 11, 30),
        published_only=True,
    )
    refs = {org.get("ref") for org in etree.fromstring(xml).iter("participating-org") if org.get("role") == "1"}
    assert {"XI-IATI-EC_NEAR", "XI-IATI-EC_INTPA"} <= refs
