"""A project's co-implementers are participating organisations of its IATI activity, in the implementing role."""

from datetime import date
from pathlib import Path

from lxml import etree

from portal.exchange.iati import ActivityDefaults, ReportingOrg, iati_activities
from portal.extensions import db
from portal.partners.models import PartnerType
from portal.projects import services
from tests import factories

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"
ORG = ReportingOrg("XI-IATI-TEST", "Test organisation", "40")
DEFAULTS = ActivityDefaults(collaboration_type="1", flow_type="10", finance_type="110", aid_type="C01")


def test_implementers_are_implementing_participating_organisations(app):
    project = factories.project(code="OSCE-IOM", start_date=date(2010, 1, 1), end_date=date(2011, 12, 31))
    iom = factories.partner(
        name="International Organization for Migration", type=PartnerType.UN_AGENCY, iati_ref="XM-DAC-47066"
    )
    ministry = factories.partner(name="Migration Service of Kazakhstan", type=PartnerType.GOVERNMENT)
    osce = factories.partner(name="OSCE", type=PartnerType.INTERNATIONAL_ORG)
    services.add_implementer(project, {"partner_id": iom.id, "role": "co_implementer"})
    services.add_implementer(project, {"partner_id": ministry.id, "role": "implementing_partner"})
    services.add_implementer(project, {"partner_id": osce.id, "role": "associate"})
    db.session.commit()
    xml = iati_activities(
        db.session, reporting_org=ORG, defaults=DEFAULTS, reporting_currency="EUR", today=date(2026, 1, 1)
    )
    root = etree.fromstring(xml)
    implementing = [
        (org.findtext("narrative"), org.get("ref"), org.get("type"))
        for org in root.xpath("iati-activity/participating-org[@role='4']")
    ]
    assert implementing == [
        ("Test organisation", "XI-IATI-TEST", "40"),
        ("International Organization for Migration", "XM-DAC-47066", "40"),
        ("Migration Service of Kazakhstan", None, "10"),
    ]
    assert etree.XMLSchema(etree.parse(str(SCHEMA))).validate(root)
