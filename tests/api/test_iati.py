from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from portal.accounts.models import Role
from portal.exchange.iati import ActivityDefaults, ReportingOrg, ReportingOrgMissing, iati_activities, iati_command
from portal.extensions import db
from portal.partners.models import PartnerType
from portal.projects.models import ProjectStatus
from portal.reference.rates import MissingRate
from tests import factories

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "iati-2.03"
ORG = ReportingOrg("XI-IATI-TEST", "Test organisation", "40")
DEFAULTS = ActivityDefaults(collaboration_type="1", flow_type="10", finance_type="110", aid_type="C01")


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "iati-activities-schema.xsd")))


@pytest.fixture
def portfolio(app):
    """Multi-country, several currencies, closed, active, open-ended and pipeline projects."""
    region = factories.region("WA")
    eu = factories.partner(name="European Union", type=PartnerType.EU_INSTITUTION, iati_ref="XI-IATI-EC_INTPA")
    swiss = factories.partner(name="Swiss Confederation", type=PartnerType.GOVERNMENT)
    ngo = factories.partner(name="Friends of Migrants", type=PartnerType.CIVIL_SOCIETY)
    factories.rate("USD", 2020, "0.88")
    factories.rate("CHF", 2020, "0.93")
    factories.rate("USD", 2021, "0.85")

    active = factories.project(
        region=region,
        code="ACT-1",
        title="Labour mobility",
        currency="USD",
        countries=["MA", "SN", "TN"],
        start_date=date(2020, 3, 1),
        end_date=date(2027, 6, 30),
        description="Safe labour migration & <skills> partnerships.",
    )
    factories.contribution(active, eu, "1000000", currency="EUR", signed_on=date(2020, 2, 1))
    factories.contribution(active, swiss, "250000.55", currency="CHF", signed_on=date(2020, 9, 1))
    factories.contribution(active, eu, "300000", currency="USD", signed_on=date(2021, 1, 15))
    factories.expenditure(active, 2020, "120000")
    factories.expenditure(active, 2021, "310000.10")
    factories.expenditure(active, date.today().year, "50000")

    closed = factories.project(
        region=region,
        code="CLO-2",
        title="Border data",
        status=ProjectStatus.CLOSED,
        countries=["XK", "AL"],
        start_date=date(2018, 1, 1),
        end_date=date(2020, 12, 31),
    )
    factories.contribution(closed, ngo, "90000", signed_on=date(2017, 12, 1))
    factories.expenditure(closed, 2018, "30000")

    pipeline = factories.project(
        region=region,
        code="PIPE-3",
        title="Future dialogue support",
        status=ProjectStatus.PIPELINE,
        start_date=date(date.today().year + 1, 1, 1),
        end_date=date(date.today().year + 2, 12, 31),
    )
    factories.contribution(pipeline, eu, "2000", signed_on=date(2025, 5, 5))
    open_ended = factories.project(region=region, code="OPEN-4", title="Secretariat", start_date=date(2015, 1, 1))
    factories.contribution(open_ended, swiss, "10", currency="CHF", signed_on=date(date.today().year + 1, 1, 1))
    db.session.commit()
    return {"active": active, "closed": closed}


def _export(session=None, **kwargs):
    xml = iati_activities(
        session or db.session,
        reporting_org=ORG,
        defaults=kwargs.pop("defaults", DEFAULTS),
        reporting_currency="EUR",
        today=kwargs.pop("today", date.today()),
        **kwargs,
    )
    return etree.fromstring(xml)


def _activity(root, code):
    return root.xpath(f"iati-activity[iati-identifier='XI-IATI-TEST-{code}']")[0]


def test_export_validates_against_the_iati_203_schema(portfolio, schema):
    root = _export()
    schema.assertValid(root)
    assert root.get("version") == "2.03"
    assert len(root.findall("iati-activity")) == 4
    for activity in root.iterfind("iati-activity"):
        assert activity.findtext("iati-identifier").startswith("XI-IATI-TEST-")
        assert activity.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert activity.get("default-currency") and activity.get("last-updated-datetime").endswith("Z")
        assert activity.find("sector").attrib == {"vocabulary": "1", "code": "15190", "percentage": "100"}


def test_activity_content(portfolio):
    active = _activity(_export(), "ACT-1")
    assert active.findtext("title/narrative") == "Labour mobility"
    assert active.findtext("description[@type='1']/narrative") == "Safe labour migration & <skills> partnerships."
    assert active.find("reporting-org").attrib == {"ref": "XI-IATI-TEST", "type": "40"}
    roles = [(org.get("role"), org.findtext("narrative")) for org in active.iterfind("participating-org")]
    assert roles == [
        ("1", "European Union"),
        ("1", "Swiss Confederation"),
        ("2", "Test organisation"),
        ("4", "Test organisation"),
    ]
    assert active.find("activity-status").get("code") == "2"
    dates = {d.get("type"): d.get("iso-date") for d in active.iterfind("activity-date")}
    assert dates == {"1": "2020-03-01", "2": "2020-03-01", "3": "2027-06-30"}


def test_statuses_and_actual_dates(portfolio):
    root = _export()
    closed, pipeline = _activity(root, "CLO-2"), _activity(root, "PIPE-3")
    assert closed.find("activity-status").get("code") == "4"
    assert {d.get("type") for d in closed.iterfind("activity-date")} == {"1", "2", "3", "4"}
    assert pipeline.find("activity-status").get("code") == "1"
    assert {d.get("type") for d in pipeline.iterfind("activity-date")} == {"1", "3"}


def test_country_percentages_add_up_to_100(portfolio):
    root = _export()
    shares = {c.get("code"): c.get("percentage") for c in _activity(root, "ACT-1").iterfind("recipient-country")}
    assert shares == {"MA": "34", "SN": "33", "TN": "33"}
    for activity in root.iterfind("iati-activity"):
        percentages = [int(c.get("percentage")) for c in activity.iterfind("recipient-country")]
        assert not percentages or sum(percentages) == 100


def test_no_date_of_a_transaction_is_in_the_future(portfolio):
    today = date.today().isoformat()
    root = _export()
    transactions = root.xpath("//transaction")
    assert len(transactions) == 10
    for transaction in transactions:
        assert transaction.find("transaction-date").get("iso-date") <= today
        assert transaction.find("value").get("value-date") <= today
    current = _activity(root, "ACT-1").xpath("transaction[transaction-type/@code='4']")[-1]
    assert current.find("transaction-date").get("iso-date") == today
    past = _activity(root, "ACT-1").xpath("transaction[transaction-type/@code='4']")[0]
    assert past.find("transaction-date").get("iso-date") == "2020-12-31"
    signed_next_year = _activity(root, "OPEN-4").find("transaction")
    assert signed_next_year.find("transaction-date").get("iso-date") == today


def test_transactions_keep_their_currency(portfolio):
    active = _activity(_export(), "ACT-1")
    commitments = active.xpath("transaction[transaction-type/@code='11']")
    assert [
        (t.findtext("value"), t.find("value").get("currency"), t.find("value").get("value-date")) for t in commitments
    ] == [("1000000.00", "EUR", "2020-02-01"), ("250000.55", "CHF", "2020-09-01"), ("300000.00", "USD", "2021-01-15")]
    assert commitments[1].findtext("provider-org/narrative") == "Swiss Confederation"
    assert commitments[1].find("receiver-org").get("ref") == "XI-IATI-TEST"
    spent = active.xpath("transaction[transaction-type/@code='4']")
    assert [t.findtext("value") for t in spent] == ["120000.00", "310000.10", "50000.00"]
    assert {t.find("value").get("currency") for t in spent} == {"USD"}


def test_budgets_spread_contributions_over_calendar_years(portfolio):
    active = _activity(_export(), "ACT-1")
    budgets = active.findall("budget")
    periods = [(b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date")) for b in budgets]
    assert periods[0] == ("2020-03-01", "2020-12-31") and periods[-1] == ("2027-01-01", "2027-06-30")
    assert len(periods) == 8
    assert all(start[:4] == end[:4] for start, end in periods)
    # EUR and CHF converted into USD through the reporting currency at the signing year's rates
    total = (
        Decimal("1000000") / Decimal("0.88")
        + Decimal("250000.55") * Decimal("0.93") / Decimal("0.88")
        + Decimal("300000")
    )
    values = [Decimal(b.findtext("value")) for b in budgets]
    assert sum(values) == total.quantize(Decimal("0.01"))
    assert {b.find("value").get("currency") for b in budgets} == {"USD"}
    assert values[1] > values[0]  # a full year weighs more than ten months
    # the spread over years is an estimate: original (1) and indicative (1), though the contributions are signed
    assert {(b.get("type"), b.get("status")) for b in budgets} == {("1", "1")}
    root = _export()
    assert _activity(root, "OPEN-4").find("budget") is None
    pipeline = _activity(root, "PIPE-3").findall("budget")
    assert [b.get("status") for b in pipeline] == ["1", "1"]
    assert sum(Decimal(b.findtext("value")) for b in pipeline) == Decimal("2000.00")


def test_missing_rate_for_a_budget_is_an_error(app):
    project = factories.project(currency="USD", start_date=date(2020, 1, 1), end_date=date(2021, 12, 31))
    factories.contribution(project, factories.partner(), 100, currency="GBP", signed_on=date(2020, 1, 1))
    db.session.commit()
    with pytest.raises(MissingRate) as error:
        _export()
    assert (error.value.currency, error.value.year) == ("GBP", 2020)


def test_download_for_managers_and_admins(client, bearer, app, schema, portfolio):
    app.config["IATI_REPORTING_ORG_REF"] = "XI-IATI-CONF"
    app.config["IATI_DEFAULT_FLOW_TYPE"] = "21"
    response = client.get("/api/v1/iati-activities.xml", headers=bearer(Role.MANAGER))
    assert response.status_code == 200 and response.mimetype == "application/xml"
    assert "attachment" in response.headers["Content-Disposition"]
    root = etree.fromstring(response.data)
    schema.assertValid(root)
    assert root.find("iati-activity/iati-identifier").text.startswith("XI-IATI-CONF-")
    assert root.find("iati-activity/reporting-org").get("ref") == "XI-IATI-CONF"
    assert {a.find("default-flow-type").get("code") for a in root.iterfind("iati-activity")} == {"21"}
    assert client.get("/api/v1/iati-activities.xml", headers=bearer(Role.OFFICER)).status_code == 403


def test_download_with_a_missing_rate_answers_422(client, bearer):
    project = factories.project(currency="EUR", start_date=date(2020, 1, 1), end_date=date(2020, 12, 31))
    factories.contribution(project, factories.partner(), 100, currency="JPY", signed_on=date(2020, 1, 1))
    db.session.commit()
    response = client.get("/api/v1/iati-activities.xml", headers=bearer(Role.ADMIN))
    assert response.status_code == 422 and response.json["error"]["currency"] == "JPY"


def test_command_writes_a_valid_file(runner, portfolio, schema, tmp_dir):
    path = tmp_dir / "out.xml"
    result = runner.invoke(args=["exchange", "iati", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 activities" in result.output
    schema.assertValid(etree.parse(str(path)))


def test_command_reports_a_missing_rate(runner, app, tmp_dir):
    project = factories.project(currency="EUR", start_date=date(2020, 1, 1), end_date=date(2020, 12, 31))
    factories.contribution(project, factories.partner(), 100, currency="JPY", signed_on=date(2020, 1, 1))
    db.session.commit()
    result = runner.invoke(iati_command, [str(tmp_dir / "out.xml")])
    assert result.exit_code == 1 and "JPY" in result.output and "2020" in result.output
    assert not (tmp_dir / "out.xml").exists()


def test_the_export_is_refused_without_the_reporting_organisation(client, bearer, app, runner, tmp_dir, portfolio):
    app.config["IATI_REPORTING_ORG_REF"] = ""
    response = client.get("/api/v1/iati-activities.xml", headers=bearer(Role.ADMIN))
    assert response.status_code == 422
    assert response.json["error"]["settings"] == ["IATI_REPORTING_ORG_REF"]
    assert "set IATI_REPORTING_ORG_REF." in response.json["error"]["detail"]

    app.config["IATI_REPORTING_ORG_NAME"] = " "
    path = tmp_dir / "out.xml"
    result = runner.invoke(args=["exchange", "iati", str(path)])
    assert result.exit_code == 1
    assert "set IATI_REPORTING_ORG_REF and IATI_REPORTING_ORG_NAME." in result.output
    assert not path.exists()


def test_a_reporting_organisation_identifier_not_in_org_id_form_is_refused():
    config = {"IATI_REPORTING_ORG_NAME": "Test organisation", "IATI_REPORTING_ORG_TYPE": "40"}
    for ref in ("xi-iati-test", "XI IATI", "X-1", "XI-IATI/TEST"):
        with pytest.raises(ReportingOrgMissing) as error:
            ReportingOrg.from_config({**config, "IATI_REPORTING_ORG_REF": ref})
        assert error.value.settings == ["IATI_REPORTING_ORG_REF"]
    assert ReportingOrg.from_config({**config, "IATI_REPORTING_ORG_REF": " XM-DAC-41301 "}).ref == "XM-DAC-41301"


def test_partners_are_named_by_their_organisation_identifier(portfolio):
    active = _activity(_export(), "ACT-1")
    funders = [(org.findtext("narrative"), org.get("ref")) for org in active.xpath("participating-org[@role='1']")]
    assert funders == [("European Union", "XI-IATI-EC_INTPA"), ("Swiss Confederation", None)]
    commitments = active.xpath("transaction[transaction-type/@code='11']")
    assert [t.find("provider-org").get("ref") for t in commitments] == ["XI-IATI-EC_INTPA", None, "XI-IATI-EC_INTPA"]


def test_every_activity_carries_the_default_types(app, portfolio, schema):
    assert ActivityDefaults.from_config(app.config) == DEFAULTS
    root = _export(
        defaults=ActivityDefaults(collaboration_type="2", flow_type="20", finance_type="410", aid_type="D02")
    )
    schema.assertValid(root)
    for activity in root.iterfind("iati-activity"):
        assert activity.find("collaboration-type").get("code") == "2"
        assert activity.find("default-flow-type").get("code") == "20"
        assert activity.find("default-finance-type").get("code") == "410"
        assert activity.find("default-aid-type").attrib == {"code": "D02", "vocabulary": "1"}
    without_aid_type = _export(defaults=ActivityDefaults("1", "10", "110", ""))
    schema.assertValid(without_aid_type)
    assert without_aid_type.xpath("//default-aid-type") == [] and without_aid_type.xpath("//default-flow-type")


def test_the_status_follows_the_dates_and_expenditure_stays_within_the_activity(app, schema):
    project = factories.project(code="RUN-5", start_date=date(2020, 1, 1), end_date=date(2022, 6, 30))
    factories.expenditure(project, 2021, "50")
    factories.expenditure(project, 2022, "100")
    db.session.commit()

    def export(today):
        root = _export(today=today)
        schema.assertValid(root)
        return _activity(root, "RUN-5")

    def status(today):
        return export(today).find("activity-status").get("code")

    days = (date(2019, 12, 31), date(2020, 1, 1), date(2022, 6, 30), date(2022, 7, 1))
    assert [status(day) for day in days] == ["1", "2", "2", "3"]
    ended = export(date(2023, 3, 1))
    assert {d.get("type"): d.get("iso-date") for d in ended.iterfind("activity-date")}["4"] == "2022-06-30"
    spent = ended.xpath("transaction[transaction-type/@code='4']/transaction-date/@iso-date")
    assert spent == ["2021-12-31", "2022-06-30"]
    running = export(date(2022, 3, 1)).xpath("transaction[transaction-type/@code='4']/transaction-date/@iso-date")
    assert running == ["2021-12-31", "2022-03-01"]

    project.status = ProjectStatus.CLOSED
    db.session.commit()
    assert status(date(2022, 7, 1)) == "4"
    project.status = ProjectStatus.PIPELINE
    db.session.commit()
    assert status(date(2021, 1, 1)) == "1"
    assert "2" not in {d.get("type") for d in export(date(2021, 1, 1)).iterfind("activity-date")}


def test_a_budget_within_one_year_is_committed(app):
    project = factories.project(code="ONE-6", start_date=date(2021, 2, 1), end_date=date(2021, 11, 30))
    factories.contribution(project, factories.partner(), "500", signed_on=date(2021, 1, 10))
    db.session.commit()
    (budget,) = _activity(_export(), "ONE-6").findall("budget")
    assert (budget.get("type"), budget.get("status"), budget.findtext("value")) == ("1", "2", "500.00")
