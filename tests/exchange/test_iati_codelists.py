"""Every code the IATI export writes is an active code of the codelist the standard names for it, in the codelists
shipped with the portal; and the defaults in the settings are checked against the same lists."""

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from portal.exchange.iati import ActivityDefaults, ReportingOrg, SettingNotACode, iati_activities
from portal.extensions import db
from portal.partners.models import PartnerType
from portal.projects.models import ProjectStatus
from portal.reference import codelists
from tests import factories

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: (elements, attribute, codelist) as the IATI 2.03 reference names them
CODED = (
    ("iati-activities", "version", "Version"),
    ("iati-activity", XML_LANG, "Language"),
    ("iati-activity", "default-currency", "Currency"),
    ("narrative", XML_LANG, "Language"),
    ("reporting-org", "type", "OrganisationType"),
    ("participating-org", "role", "OrganisationRole"),
    ("participating-org", "type", "OrganisationType"),
    ("activity-status", "code", "ActivityStatus"),
    ("activity-date", "type", "ActivityDateType"),
    ("recipient-country", "code", "Country"),
    ("sector", "vocabulary", "SectorVocabulary"),
    ("sector", "code", "Sector"),
    ("collaboration-type", "code", "CollaborationType"),
    ("default-flow-type", "code", "FlowType"),
    ("default-finance-type", "code", "FinanceType"),
    ("default-aid-type", "code", "AidType"),
    ("default-aid-type", "vocabulary", "AidTypeVocabulary"),
    ("budget", "type", "BudgetType"),
    ("budget", "status", "BudgetStatus"),
    ("value", "currency", "Currency"),
    ("transaction-type", "code", "TransactionType"),
    ("provider-org", "type", "OrganisationType"),
    ("receiver-org", "type", "OrganisationType"),
)


@pytest.fixture
def exported(app):
    region = factories.region("WA")
    eu = factories.partner(name="European Union", type=PartnerType.EU_INSTITUTION, iati_ref="XI-IATI-EC_INTPA")
    ministry = factories.partner(name="Ministry", type=PartnerType.GOVERNMENT)
    factories.rate("USD", 2021, "0.85")
    active = factories.project(
        title_ru="Трудовая мобильность",
        description_fr="Mobilité de la main-d'œuvre",
        region=region,
        code="A-1",
        currency="USD",
        countries=["MA", "XK"],
        start_date=date(2021, 1, 1),
        end_date=date(2027, 12, 31),
    )
    factories.contribution(active, eu, "1000", currency="EUR", signed_on=date(2021, 2, 1))
    factories.expenditure(active, 2021, "100")
    closed = factories.project(
        region=region, code="C-2", status=ProjectStatus.CLOSED, start_date=date(2019, 1, 1), end_date=date(2019, 6, 30)
    )
    factories.contribution(closed, ministry, "50", signed_on=date(2019, 1, 5))
    db.session.commit()
    xml = iati_activities(
        db.session,
        reporting_org=ReportingOrg("XI-IATI-TEST", "Test organisation", "40"),
        defaults=ActivityDefaults.from_config(app.config),
        reporting_currency="EUR",
        today=date.today(),
    )
    return etree.fromstring(xml)


def test_every_code_written_is_in_its_codelist(exported):
    checked = set()
    for tag, attribute, codelist in CODED:
        for element in exported.iter(tag):
            value = element.get(attribute)
            if value is None:
                continue
            assert codelists.is_code(codelist, value), f"{tag}/@{attribute}={value} is not in {codelist}"
            checked.add(tag)
    # the check saw every kind of coded element the export writes
    assert checked >= {
        "iati-activity",
        "reporting-org",
        "participating-org",
        "activity-status",
        "activity-date",
        "recipient-country",
        "sector",
        "default-flow-type",
        "budget",
        "transaction-type",
    }


def test_the_codelists_know_what_they_are_asked():
    assert codelists.code_name("Sector", "15190", "fr").startswith("Faciliter la migration")
    assert codelists.code_name("Sector", "15190", "ru").startswith("Facilitation of orderly")  # English fallback
    assert not codelists.is_code("Sector", "99999")
    assert not codelists.is_code("FlowType", None)
    assert "2.03" in codelists.codes("Version")
    with pytest.raises(codelists.UnknownCodelist):
        codelists.codes("NoSuchList")


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("IATI_DEFAULT_FLOW_TYPE", "99"),
        ("IATI_DEFAULT_FINANCE_TYPE", "999"),
        ("IATI_DEFAULT_AID_TYPE", "Z99"),
        ("IATI_COLLABORATION_TYPE", "0"),
    ],
)
def test_a_default_type_outside_its_codelist_is_refused(app, setting, value):
    config = {**app.config, setting: value}
    with pytest.raises(SettingNotACode) as refused:
        ActivityDefaults.from_config(config)
        ReportingOrg.from_config(config)
    assert setting in str(refused.value.message)


def test_a_default_type_left_empty_is_left_out(app):
    assert ActivityDefaults.from_config({**app.config, "IATI_DEFAULT_AID_TYPE": ""}).aid_type == ""


def test_a_projects_sectors_are_those_of_its_thematic_areas_in_equal_shares(app):
    from portal.exchange.iati import project_sectors

    region = factories.region("R9")
    asylum = factories.thematic_area("asylum", dac_sectors="15190 15160")
    research = factories.thematic_area("research", dac_sectors="15190 15196")
    both = factories.project(region=region, thematic_areas=[asylum, research])
    none = factories.project(region=region)
    db.session.flush()
    assert project_sectors(both) == [("15190", 34), ("15160", 33), ("15196", 33)]
    assert project_sectors(none) == [("15190", 100)]


def test_titles_and_descriptions_carry_their_french_and_russian_versions(exported):
    schema = Path(__file__).resolve().parent.parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"
    etree.XMLSchema(etree.parse(str(schema))).assertValid(exported)
    title = exported.find("iati-activity/title")
    narratives = {n.get(XML_LANG): n.text for n in title.iterfind("narrative")}
    assert narratives == {None: title.findtext("narrative"), "ru": "Трудовая мобильность"}
    description = exported.find("iati-activity/description")
    assert [n.get(XML_LANG) for n in description.iterfind("narrative")] == [None, "fr"]
    # a project without translations has its one narrative
    closed = exported.findall("iati-activity")[1]
    assert len(closed.findall("title/narrative")) == 1
