"""Every rule of key-figures.md against rows made here and numbers computed by hand."""

import json
from datetime import date
from decimal import Decimal

import pytest

from portal.events.models import EventMode, EventType
from portal.extensions import db
from portal.funding.models import RevenueType
from portal.organisation.models import MemberState, OrganisationYear
from portal.participants.models import Gender, Sector
from portal.projects.models import ProjectStatus
from portal.reference.rates import MissingRate, largest_remainder
from portal.reports.queries import Filters, key_figures, key_figures_document
from tests import factories


def figures(year=2021, **filters):
    return key_figures(db.session, year, reporting_currency="EUR", filters=Filters(**filters))


def document(year=2021, **filters):
    return key_figures_document(figures(year, **filters))


# --- the portfolio


def test_projects_overlapping_the_year_and_not_in_the_pipeline(app):
    factories.project(start_date=date(2021, 12, 31), end_date=None)  # starts on the last day
    factories.project(start_date=date(2019, 1, 1), end_date=date(2021, 1, 1))  # ends on the first day
    factories.project(status=ProjectStatus.CLOSED, start_date=date(2019, 1, 1), end_date=date(2021, 6, 30))
    factories.project(start_date=date(2022, 1, 1))  # after
    factories.project(start_date=date(2018, 1, 1), end_date=date(2020, 12, 31))  # before
    factories.project(status=ProjectStatus.PIPELINE, start_date=date(2021, 1, 1))

    assert figures().projects == 3
    assert figures(2022).projects == 2  # the open-ended one and the one starting in 2022
    assert figures(2018).projects == 1


def test_countries_are_distinct_recipient_countries_of_counted_projects(app):
    factories.project(countries=["AT", "XK"])
    factories.project(countries=["at", "DE"])
    factories.project(status=ProjectStatus.PIPELINE, countries=["FR"])
    factories.project(start_date=date(2010, 1, 1), end_date=date(2011, 1, 1), countries=["IT"])

    result = figures()
    assert result.country_codes == ("AT", "DE", "XK")
    assert document()["countries"] == 3


def test_contracted_volume_converts_each_contribution_at_its_signing_year_rate(app):
    donor = factories.partner()
    counted = factories.project(start_date=date(2021, 1, 1))
    factories.rate("USD", 2015, "0.5")
    factories.rate("USD", 2021, "0.9")
    factories.rate("GBP", 2019, "1.123456")
    factories.contribution(counted, donor, "1000.00", "EUR", signed_on=date(2012, 5, 1))  # any signing year
    # 10.01 * 0.5 = 5.005 -> 5.01 for each item (10.01 if the sum were converted)
    factories.contribution(counted, donor, "10.01", "USD", signed_on=date(2015, 1, 1))
    factories.contribution(counted, donor, "10.01", "USD", signed_on=date(2015, 12, 31))
    factories.contribution(counted, donor, "333.33", "GBP", signed_on=date(2019, 7, 1))  # 374.4826... -> 374.48
    factories.contribution(factories.project(status=ProjectStatus.PIPELINE), donor, "999", "EUR")
    factories.contribution(factories.project(start_date=date(2023, 1, 1)), donor, "999", "EUR")

    assert figures().contracted_volume == Decimal("1384.50")
    assert document()["contracted_volume"] == "1384.50"


def test_duty_stations_open_at_some_point_in_the_year(app):
    factories.duty_station()
    factories.duty_station(opened_on=date(2021, 12, 31))
    factories.duty_station(opened_on=date(2005, 1, 1), closed_on=date(2021, 1, 1))
    factories.duty_station(opened_on=date(2022, 1, 1))
    factories.duty_station(closed_on=date(2020, 12, 31))

    assert figures().duty_stations == 3


# --- outreach


def test_events_belong_to_the_year_they_start_in_and_count_their_days(app):
    factories.event(start_date=date(2021, 12, 30), end_date=date(2022, 1, 2), type=EventType.CONFERENCE)
    factories.event(start_date=date(2020, 12, 30), end_date=date(2021, 1, 2), type=EventType.TRAINING)
    factories.event(start_date=date(2021, 1, 1), type=EventType.MINISTERIAL_CONFERENCE)
    factories.event(start_date=date(2021, 6, 1), end_date=date(2021, 6, 3), type=EventType.WORKSHOP)
    factories.event(start_date=date(2021, 6, 1), type=EventType.WEBINAR, mode=EventMode.ONLINE)

    result = figures()
    assert (result.conferences, result.trainings_meetings_workshops) == (2, 2)
    assert result.event_days == 4 + 1 + 3 + 1
    assert (figures(2022).conferences, figures(2022).event_days) == (0, 0)
    assert figures(2020).event_days == 4


def test_locations_compare_cities_trimmed_case_insensitively_and_skip_online_events(app):
    factories.event(city="  Vienna ", country="AT")
    factories.event(city="vienna", country="AT")
    factories.event(city="VIENNA", country="AT", mode=EventMode.HYBRID)
    factories.event(city="Vienna  City", country="AT")
    factories.event(city="vienna city", country="AT")
    factories.event(city="Vienna", country="DE")
    factories.event(city="Graz", country="AT")
    factories.event(mode=EventMode.ONLINE, city_online="Paris")
    factories.event(city="Lyon", country="FR", start_date=date(2020, 3, 1))

    assert figures().locations == 4  # AT vienna, AT vienna city, DE vienna, AT graz


def test_participants_attended_records_when_any_else_declared_counts(app):
    declared = factories.event(in_person_count=10, online_count=5)
    factories.event(in_person_count=None, online_count=7)
    factories.event()  # nothing declared, nothing recorded: 0
    recorded = factories.event(in_person_count=100, online_count=100)  # declared counts ignored
    ana, ben, cleo = (factories.person() for _ in range(3))
    factories.attendance(recorded, ana)
    factories.attendance(recorded, ben)
    factories.attendance(recorded, cleo, attended=False)
    only_absent = factories.event(in_person_count=40)  # has records, none attended: 0
    factories.attendance(only_absent, ana, attended=False)
    later = factories.event(start_date=date(2021, 11, 1))
    factories.attendance(later, ana)
    factories.attendance(factories.event(start_date=date(2022, 1, 5)), cleo)
    assert declared.in_person_count == 10

    result = figures()
    assert result.participants == 15 + 7 + 0 + 2 + 0 + 1
    assert result.unique_participants == 2  # ana (twice) and ben; cleo attended only in 2022


def test_gender_and_sector_breakdowns_add_up_to_participants(app):
    factories.event(in_person_count=4)
    event = factories.event(in_person_count=50)
    other = factories.event()
    people = [
        factories.person(gender=Gender.FEMALE, sector=Sector.GOVERNMENT),
        factories.person(gender=Gender.FEMALE, sector=Sector.ACADEMIA_CIVIL_SOCIETY),
        factories.person(gender=Gender.MALE, sector=Sector.GOVERNMENT),
        factories.person(gender=Gender.UNDISCLOSED, sector=Sector.PRIVATE_SECTOR),
    ]
    for person in people:
        factories.attendance(event, person)
    factories.attendance(other, people[0])
    factories.attendance(other, people[2], attended=False)

    result = document()
    assert result["participants"] == 4 + 4 + 1
    assert result["participants_by_gender"] == {"female": 3, "male": 1, "other": 0, "undisclosed": 1, "not_recorded": 4}
    assert result["participants_by_sector"] == {
        "government": 3,
        "international_org": 0,
        "academia_civil_society": 1,
        "private_sector": 1,
        "other": 0,
        "not_recorded": 4,
    }


def test_partners_are_distinct_organisations_linked_to_events_of_the_year(app):
    first, second, earlier = factories.partner(), factories.partner(), factories.partner()
    factories.event(partners=[first, second])
    factories.event(partners=[first])
    factories.event(start_date=date(2020, 5, 1), partners=[earlier])

    assert figures().partners == 2


# --- resources


@pytest.fixture
def portfolio(app):
    """Three donor categories, three regions and the revenue of 2021 worked out in the tests below."""
    ec, ms, other_states = (factories.donor_category(code) for code in ("EC", "MS", "OS"))
    r1, r2, r3 = (factories.region(code) for code in ("R1", "R2", "R3"))
    donors = {
        code: factories.partner(donor_category=category)
        for code, category in (("EC", ec), ("MS", ms), ("OS", other_states))
    }
    p1, p2 = factories.project(region=r1), factories.project(region=r1)
    for project in (p1, p2):
        for donor in donors.values():
            factories.contribution(project, donor, "100.00")
        factories.expenditure(project, 2021, "100.00")
    p3 = factories.project(region=r2)  # no contributions: unattributed
    factories.expenditure(p3, 2021, "50.00")
    factories.rate("USD", 2021, "0.5")
    factories.revenue(2021, "1000.00", RevenueType.MEMBERSHIP, partner=donors["MS"])
    factories.revenue(2021, "500.00", RevenueType.OPERATIONAL, currency="USD")  # 250.00, no partner
    factories.revenue(2021, "10.00", RevenueType.OTHER, partner=donors["EC"])
    return {"p1": p1, "r3": r3, "donors": donors}


def test_revenue_by_type_converts_each_entry_at_its_year_rate(portfolio):
    assert document()["revenue"] == {
        "membership": "1000.00",
        "operational": "250.00",
        "project": "250.00",
        "other": "10.00",
        "total": "1510.00",
    }


def test_implementation_by_region_lists_every_region(portfolio):
    assert document()["implementation_by_region"] == {
        "R1": {"amount": "200.00", "percent": 80},
        "R2": {"amount": "50.00", "percent": 20},
        "R3": {"amount": "0.00", "percent": 0},
    }


def test_implementation_by_funding_shares_expenditure_and_rounds_once(portfolio):
    # each project's 100.00 is a third for each category: 33.333...; two projects give 66.666... -> 66.67
    # (66.66 if each share were rounded). EC also has 10.00 other revenue; MS 1000.00 membership.
    # unattributed: p3's 50.00 and the 250.00 operational revenue without a partner.
    # percentages of 1510.01: 5.077, 70.640, 4.415, 19.867 -> floors 98, the two points to unattributed and MS
    assert document()["implementation_by_funding"] == {
        "EC": {"amount": "76.67", "percent": 5},
        "MS": {"amount": "1066.67", "percent": 71},
        "OS": {"amount": "66.67", "percent": 4},
        "unattributed": {"amount": "300.00", "percent": 20},
    }


def test_expenditure_shared_in_proportion_to_contributions_converted_at_signing_year(app):
    ec, ms = factories.donor_category("EC"), factories.donor_category("MS")
    project = factories.project()
    factories.rate("USD", 2019, "0.8")
    factories.rate("USD", 2021, "0.5")
    factories.contribution(project, factories.partner(donor_category=ec), "100.00", "USD", signed_on=date(2019, 3, 1))
    factories.contribution(project, factories.partner(donor_category=ms), "20.00", "EUR")
    factories.expenditure(project, 2021, "90.00")

    # weights 80.00 : 20.00 (at the 2021 rate it would be 50 : 20)
    assert document()["implementation_by_funding"] == {
        "EC": {"amount": "72.00", "percent": 80},
        "MS": {"amount": "18.00", "percent": 20},
    }


def test_unattributed_is_listed_only_when_not_zero_and_every_category_with_zeros(app):
    factories.donor_category("EC")
    factories.donor_category("UN")
    donor = factories.partner(donor_category=factories.donor_category("MS"))
    factories.revenue(2021, "10.00", partner=donor)

    assert document()["implementation_by_funding"] == {
        "EC": {"amount": "0.00", "percent": 0},
        "UN": {"amount": "0.00", "percent": 0},
        "MS": {"amount": "10.00", "percent": 100},
    }


def test_implementation_by_year_covers_the_six_years_ending_with_the_year(portfolio):
    factories.expenditure(portfolio["p1"], 2016, "10.00")
    factories.expenditure(portfolio["p1"], 2015, "999.00")  # before the six years
    factories.expenditure(portfolio["p1"], 2022, "999.00")  # after
    factories.rate("USD", 2018, "2")
    factories.revenue(2018, "5.00", RevenueType.MEMBERSHIP, currency="USD")

    assert document()["implementation_by_year"] == {
        "2016": "10.00",
        "2017": "0.00",
        "2018": "10.00",
        "2019": "0.00",
        "2020": "0.00",
        "2021": "1510.00",
    }


def test_a_missing_rate_names_currency_and_year(app):
    factories.contribution(factories.project(), factories.partner(), "10.00", "USD", signed_on=date(2018, 4, 1))
    factories.rate("USD", 2021, "0.9")

    with pytest.raises(MissingRate) as raised:
        figures()
    assert (raised.value.currency, raised.value.year) == ("USD", 2018)
    assert "USD" in str(raised.value) and "2018" in str(raised.value)


def test_a_missing_rate_of_an_earlier_year_in_the_growth_chart_is_an_error_too(app):
    factories.revenue(2017, "10.00", currency="CHF")

    with pytest.raises(MissingRate) as raised:
        figures()
    assert (raised.value.currency, raised.value.year) == ("CHF", 2017)


# --- percentages


def test_largest_remainder_adds_up_to_100_and_ties_go_to_the_first_listed():
    assert largest_remainder([1, 1, 1]) == [34, 33, 33]
    assert largest_remainder([1] * 6) == [17, 17, 17, 17, 16, 16]
    assert largest_remainder([Decimal("0.00"), Decimal("0.00")]) == [0, 0]
    assert largest_remainder([Decimal("2"), Decimal("1"), Decimal("1"), Decimal("2")]) == [33, 17, 17, 33]
    assert largest_remainder([Decimal("76.67"), Decimal("1066.67"), Decimal("66.67"), Decimal("300.00")]) == [
        5,
        71,
        4,
        20,
    ]


def test_tied_regions_give_the_extra_point_to_the_region_listed_first(app):
    for code in ("B", "A", "C"):  # listed in the order they were entered
        factories.expenditure(factories.project(region=factories.region(code)), 2021, "100.00")

    shares = figures().implementation_by_region
    assert [(s.code, s.percent) for s in shares] == [("B", 34), ("A", 33), ("C", 33)]


# --- filters


@pytest.fixture
def two_regions(app):
    east, west = factories.region("EAST"), factories.region("WEST")
    category = factories.donor_category("EC")
    ec = factories.partner(donor_category=category)
    budapest = factories.dialogue("BP", region=west)
    in_east = factories.project(region=east, countries=["GE"])
    in_west = factories.project(region=west, countries=["MA", "XK"], dialogues=[budapest])
    factories.contribution(in_east, ec, "100.00")
    factories.contribution(in_west, factories.partner(), "300.00")
    factories.expenditure(in_east, 2021, "40.00")
    factories.expenditure(in_west, 2021, "60.00")
    factories.event(project=in_east, in_person_count=5)
    factories.event(project=in_west, in_person_count=7)
    factories.event(dialogue=budapest, in_person_count=11)  # no project: counts for the dialogue's region
    factories.event(in_person_count=13)  # neither project nor dialogue
    factories.revenue(2021, "1000.00", partner=ec)
    factories.revenue(2021, "2000.00")
    station = factories.duty_station()
    in_east.duty_station = station
    factories.duty_station()
    db.session.flush()


def test_without_filters_everything_counts(two_regions):
    result = figures()
    assert (result.projects, result.participants, result.duty_stations) == (2, 36, 2)
    assert result.revenue_total == Decimal("3100.00")


def test_region_filter(two_regions):
    west = figures(region="WEST")
    assert (west.projects, west.country_codes, west.contracted_volume) == (1, ("MA", "XK"), Decimal("300.00"))
    assert (west.events, west.participants) == (2, 18)
    assert dict(west.revenue) == {
        "membership": Decimal("0.00"),
        "operational": Decimal("0.00"),
        "project": Decimal("60.00"),
        "other": Decimal("0.00"),
        "total": Decimal("60.00"),
    }
    assert west.duty_stations == 0
    east = figures(region="EAST")
    assert (east.participants, east.duty_stations) == (5, 1)


def test_donor_category_filter(two_regions):
    ec = figures(donor_category="EC")
    assert (ec.projects, ec.participants, ec.contracted_volume) == (1, 5, Decimal("100.00"))
    assert dict(ec.revenue)["total"] == Decimal("1040.00")  # project expenditure and EC's own revenue


def test_dialogue_filter(two_regions):
    budapest = figures(dialogue="BP")
    assert (budapest.projects, budapest.events, budapest.participants) == (1, 2, 18)
    assert dict(budapest.revenue)["total"] == Decimal("60.00")


def test_a_project_supporting_two_dialogues_counts_under_each_and_once_without_a_filter(app):
    budapest, prague = factories.dialogue("BP"), factories.dialogue("PP")
    both = factories.project(countries=["MA", "TN"], dialogues=[prague, budapest])
    only_prague = factories.project(countries=["GE"], dialogues=[prague])
    factories.project(countries=["SN"])
    donor = factories.partner()
    factories.contribution(both, donor, "300.00")
    factories.contribution(only_prague, donor, "100.00")
    factories.expenditure(both, 2021, "60.00")
    factories.expenditure(only_prague, 2021, "40.00")
    factories.event(project=both, in_person_count=7)
    # an event of the project and of one of its dialogues
    factories.event(project=both, dialogue=prague, in_person_count=11)
    db.session.flush()

    def summary(**filters):
        result = figures(**filters)
        money = (result.contracted_volume, dict(result.revenue)["project"])
        return result.projects, result.country_codes, money, result.events, result.participants

    assert summary() == (3, ("GE", "MA", "SN", "TN"), (Decimal("400.00"), Decimal("100.00")), 2, 18)
    assert summary(dialogue="BP") == (1, ("MA", "TN"), (Decimal("300.00"), Decimal("60.00")), 2, 18)
    assert summary(dialogue="PP") == (2, ("GE", "MA", "TN"), (Decimal("400.00"), Decimal("100.00")), 2, 18)


def test_an_unknown_filter_code_counts_nothing(two_regions):
    assert (figures(region="NOWHERE").projects, figures(region="NOWHERE").participants) == (0, 0)


# --- the organisation's own facts

FACTS = ("employees", "nationalities", "member_states")


def facts(year=2021, **filters):
    result = document(year, **filters)
    return tuple(result[key] for key in FACTS)


def test_the_organisations_own_facts_are_null_until_entered(app):
    assert facts() == (None, None, None)
    db.session.add(OrganisationYear(year=2021, employees=463))
    db.session.flush()
    assert facts() == (463, None, None)


def test_the_organisations_facts_of_the_year_and_its_members_at_the_end_of_the_year(app):
    db.session.add(OrganisationYear(year=2021, employees=463, nationalities=70))
    db.session.add(OrganisationYear(year=2020, employees=410, nationalities=65))
    db.session.add_all(
        [
            MemberState(country="AT", joined_year=1993),
            MemberState(country="GR", joined_year=2021),  # joined in the year: a member at its end
            MemberState(country="DK", joined_year=2022),  # not yet a member
            MemberState(country="NO", joined_year=2000, left_year=2021),  # left in the year: no longer counted
            MemberState(country="SE", joined_year=2000, left_year=2022),
        ]
    )
    db.session.flush()
    assert facts(2021) == (463, 70, 3)  # AT, GR, SE
    assert facts(2020) == (410, 65, 3)  # AT, NO, SE
    assert facts(2022) == (None, None, 3)  # AT, GR, DK
    assert facts(1999) == (None, None, 1)
    assert facts(1990) == (None, None, None)  # nobody had joined: no membership to count
    # the organisation's own facts are not regional: a filter leaves them out
    assert facts(2021, region="MED") == (None, None, None)


# --- the document and the command


def test_document_has_the_contract_shape(portfolio):
    result = document()
    assert list(result) == [
        "year",
        "currency",
        "projects",
        "countries",
        "contracted_volume",
        "duty_stations",
        "conferences",
        "trainings_meetings_workshops",
        "event_days",
        "locations",
        "participants",
        "unique_participants",
        "partners",
        "participants_by_gender",
        "participants_by_sector",
        "revenue",
        "implementation_by_region",
        "implementation_by_funding",
        "implementation_by_year",
        "employees",
        "nationalities",
        "member_states",
    ]
    assert (result["year"], result["currency"], result["projects"], result["contracted_volume"]) == (
        2021,
        "EUR",
        3,
        "600.00",
    )
    assert json.loads(json.dumps(result)) == result


def test_cli_prints_the_document(portfolio, runner):
    db.session.commit()
    expected = document()
    result = runner.invoke(args=["report", "key-figures", "--year", "2021", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected


def test_cli_names_the_missing_rate_and_fails(app, runner):
    factories.revenue(2021, "5.00", currency="JPY")
    db.session.commit()
    result = runner.invoke(args=["report", "key-figures", "--year", "2021", "--json"])
    assert result.exit_code != 0
    assert "JPY" in result.output and "2021" in result.output


def test_the_number_of_queries_does_not_grow_with_the_data(app, count_queries):
    def statements():
        with count_queries() as counted:
            figures()
        return counted.total

    factories.expenditure(factories.project(), 2021, "1.00")
    factories.attendance(factories.event(), factories.person())
    few = statements()
    for _ in range(30):
        project = factories.project(countries=["AT", "DE"])
        factories.contribution(project, factories.partner(donor_category=factories.donor_category()), "5.00")
        factories.expenditure(project, 2021, "3.00")
        event = factories.event(project=project, partners=[factories.partner()])
        for _ in range(3):
            factories.attendance(event, factories.person())
    assert statements() == few
