"""A project's outputs and indicators as IATI 2.03 <result> elements, valid against the schema."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from lxml import etree

from portal.exchange.iati import ActivityDefaults, ReportingOrg, iati_activities
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure
from portal.projects import services
from portal.projects.models import IndicatorResult, Project, ProjectIndicator, ProjectOutput
from tests import factories

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"
ORG = ReportingOrg("XI-IATI-TEST", "Test organisation", "40")
DEFAULTS = ActivityDefaults(collaboration_type="1", flow_type="10", finance_type="110", aid_type="C01")
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def project(app):
    project = factories.project(code="STAT-1", start_date=date(2021, 3, 1), end_date=date(2023, 6, 30))
    output = services.add_output(project, {"title": "Statistics improved", "title_ru": "Статистика улучшена"})
    countries = services.add_indicator(
        output, {"text": "Countries with improved statistics", "baseline": Decimal(0), "target": Decimal(5)}
    )
    services.record_result(countries, {"year": 2021, "actual": Decimal(1), "comment": "Kazakhstan"})
    services.record_result(countries, {"year": 2023, "actual": Decimal("2.5")})
    services.add_indicator(output, {"text": "Women among the trained", "unit": "%", "target": Decimal(30)})
    services.add_output(project, {"title": "An output without indicators"})
    db.session.commit()
    return project


def _export():
    xml = iati_activities(
        db.session, reporting_org=ORG, defaults=DEFAULTS, reporting_currency="EUR", today=date(2026, 1, 1)
    )
    return etree.fromstring(xml)


def test_indicators_are_iati_results(project):
    root = _export()
    etree.XMLSchema(etree.parse(str(SCHEMA))).assertValid(root)
    (result,) = root.findall("iati-activity/result")
    assert result.get("type") == "1"
    assert [(n.get(LANG), n.text) for n in result.find("title")] == [
        (None, "Statistics improved"),
        ("ru", "Статистика улучшена"),
    ]
    countries, women = result.findall("indicator")
    assert (countries.get("measure"), women.get("measure")) == ("1", "2")
    assert countries.find("baseline").attrib == {"year": "2021", "value": "0.00"}
    periods = [
        (p.find("period-start").get("iso-date"), p.find("period-end").get("iso-date"), p[2].tag, p[2].get("value"))
        for p in countries.findall("period")
    ]
    assert periods == [
        ("2021-03-01", "2023-06-30", "target", "5.00"),
        ("2021-03-01", "2021-12-31", "actual", "1.00"),
        ("2023-01-01", "2023-06-30", "actual", "2.50"),
    ]
    assert countries.findtext("period/actual/comment/narrative") == "Kazakhstan"
    assert women.find("baseline") is None


def test_a_changed_actual_value_dates_the_activity(project):
    long_ago = datetime(2024, 1, 1, tzinfo=UTC)
    for table in (Project, ProjectOutput, ProjectIndicator, IndicatorResult, Contribution, Expenditure):
        db.session.execute(sa.update(table).values(updated_at=long_ago))
    db.session.commit()
    (activity,) = _export().findall("iati-activity")
    assert activity.get("last-updated-datetime") == "2024-01-01T00:00:00Z"
    result = db.session.scalars(sa.select(IndicatorResult).where(IndicatorResult.year == 2023)).one()
    changed = datetime(2025, 5, 6, 7, 8, 9, tzinfo=UTC)
    db.session.execute(sa.update(IndicatorResult).where(IndicatorResult.id == result.id).values(updated_at=changed))
    db.session.commit()
    (activity,) = _export().findall("iati-activity")
    assert activity.get("last-updated-datetime") == "2025-05-06T07:08:09Z"
