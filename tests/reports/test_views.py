"""The dashboard, the PDF, published snapshots and exports, wired to the key figures."""

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from babel.dates import format_date
from openpyxl import load_workbook
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.events.models import EventType
from portal.extensions import db
from portal.funding.models import RevenueType
from portal.jobs.models import JobStatus
from portal.organisation.models import MemberState, OrganisationYear
from portal.pdf import PdfRenderError
from portal.reports.models import KeyFigureSnapshot
from portal.reports.queries import Filters, key_figures, key_figures_document
from tests import factories
from tests.jobs.waiting import finished, job_id_of


@pytest.fixture
def year_2021(app):
    """A small 2021: two regions, one donor category, revenue in two currencies, events with and without records."""
    med, afr = factories.region("MED", "Mediterranean"), factories.region("AFR", "Africa")
    ec = factories.partner(name="European Commission", donor_category=factories.donor_category("EC", "EC"))
    factories.rate("USD", 2021, "0.5")
    tunisia = factories.project(region=med, countries=["TN", "XK"])
    mali = factories.project(region=afr, countries=["ML"])
    factories.contribution(tunisia, ec, "329000000.00")
    factories.expenditure(tunisia, 2021, "40000000.00")
    factories.expenditure(mali, 2021, "12752000.00")
    factories.revenue(2021, "1482000.00", RevenueType.MEMBERSHIP)
    factories.revenue(2021, "6606000.00", RevenueType.OPERATIONAL, currency="USD")  # 3,303,000.00
    factories.revenue(2021, "671000.00", RevenueType.OTHER)
    for n in range(3):
        factories.duty_station(city=f"Station {n}")
    factories.event(type=EventType.CONFERENCE, in_person_count=120, project=tunisia)
    factories.event(
        start_date=date(2021, 5, 3),
        end_date=date(2021, 5, 5),
        city="Tunis",
        country="TN",
        in_person_count=30,
        project=mali,
    )
    db.session.commit()


def test_dashboard_shows_the_key_figures_with_charts_and_tables(year_2021, client, auth):
    auth.login(Role.MANAGER)
    page = client.get("/reports/?year=2021").get_data(as_text=True)

    assert (
        "1 conference and 1 training, meeting or workshop totalling 4 days at 2 locations with 150 "
        "participants and 0 partners" in " ".join(page.split())
    )
    # the 150 are head counts: no person stands behind them, and the sentence says whom it counts
    assert "0 people recorded by name took part; those counted only by head are not among them." in page
    assert "different people" not in page
    assert "€329 million" in page  # contracted volume, compact
    assert "2 projects in 3 countries" in page
    assert "€58,208,000.00" in page  # total revenue, exact beside the chart
    assert "€40,000,000.00" in page and "€12,752,000.00" in page
    assert (
        page.count("<svg") == 7
        and 'class="world-map"' in page
        and '<script type="text/javascript">window.pygal' not in page
    )
    assert "Kosovo*" in page and "resolution 1244" in page


def test_dashboard_names_a_missing_rate_instead_of_failing(app, client, auth):
    factories.revenue(2021, "10.00", currency="CHF")
    db.session.commit()
    auth.login(Role.OFFICER)
    response = client.get("/reports/?year=2021")
    assert response.status_code == 200
    assert "The exchange rate of CHF for 2021 is missing" in response.get_data(as_text=True)


def test_a_pdf_an_export_or_publishing_without_a_rate_says_so_on_the_dashboard_of_the_same_year(app, client, auth):
    factories.revenue(2021, "10.00", currency="CHF")
    db.session.commit()
    auth.login(Role.ADMIN)
    message = "The exchange rate of CHF for 2021 is missing"
    for response in (
        client.get("/reports/key-figures.pdf?year=2021"),
        client.get("/reports/export/revenue.csv?year=2021"),
        client.post("/reports/snapshots", data={"year": "2021", "confirm": "y"}),
    ):
        assert response.status_code == 302 and response.headers["Location"].endswith("/reports/?year=2021")
        assert message in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_pdf_that_cannot_be_made_says_why_on_the_dashboard(year_2021, client, auth, monkeypatch):
    def too_long(*args, **kwargs):
        raise PdfRenderError("The document is too long to be made into a PDF in time.")

    monkeypatch.setattr("portal.reports.documents.render_pdf", too_long)
    auth.login(Role.MANAGER)
    response = client.get("/reports/key-figures.pdf?year=2021")
    assert response.status_code == 302 and response.headers["Location"].endswith("/reports/?year=2021")
    assert "too long to be made into a PDF" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_dashboard_reports_bad_filters_beside_the_field(year_2021, client, auth):
    auth.login(Role.MANAGER)
    response = client.get("/reports/?year=2021&region=NOWHERE&dialogue=x")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Not a valid choice" in page and "€58,208,000.00" not in page


def test_dashboard_filters_by_region(year_2021, client, auth):
    auth.login(Role.MANAGER)
    page = client.get("/reports/?year=2021&region=AFR").get_data(as_text=True)
    assert "1 project in 1 country" in page and "€12,752,000.00" in page and "€58,208,000.00" not in page


@pytest.mark.pdf
def test_pdf_reads_back_with_the_figures_in_two_pages_and_the_map_on_a_third(year_2021, client, auth):
    auth.login(Role.MANAGER)
    response = client.get("/reports/key-figures.pdf?year=2021")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) <= 3
    assert "Where the organisation worked in 2021" in reader.pages[-1].extract_text()
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "€329 million" in text and "€58,208,000.00" in text and "2 projects in 3 countries" in text
    assert "3 duty stations" in text and "150 participants" in text
    assert "Kosovo*" in text and "resolution 1244" in text  # XK is among the countries
    assert "Projects: projects not in the pipeline" in text  # the definitions as footnotes


@pytest.fixture
def organisation_2021(year_2021):
    db.session.add(OrganisationYear(year=2021, employees=463, nationalities=70))
    db.session.add_all(MemberState(country=code, joined_year=2000) for code in ("AT", "CH", "HU"))
    db.session.commit()


def test_dashboard_and_exports_show_the_organisations_own_facts_with_their_definition(organisation_2021, client, auth):
    auth.login(Role.MANAGER)
    page = " ".join(client.get("/reports/?year=2021").get_data(as_text=True).split())
    assert "463 employees<sup>8</sup>" in page and "70 nationalities<sup>8</sup>" in page
    assert "3 member states<sup>8</sup>" in page
    assert "Employees: the organisation’s staff at the end of the year" in page
    rows = list(csv.reader(io.StringIO(client.get("/reports/export/figures.csv?year=2021").data.decode("utf-8-sig"))))
    assert rows[-3:] == [["Employees", "463"], ["Nationalities", "70"], ["Member states", "3"]]
    sheet = load_workbook(io.BytesIO(client.get("/reports/export/figures.xlsx?year=2021").data)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=sheet.max_row - 2)] == [
        ["Employees", 463],
        ["Nationalities", 70],
        ["Member states", 3],
    ]


def test_the_dashboard_leaves_out_facts_not_entered(year_2021, client, auth):
    auth.login(Role.MANAGER)
    page = client.get("/reports/?year=2021").get_data(as_text=True)
    assert "organisation-facts" not in page and "employees<sup>" not in page
    rows = list(csv.reader(io.StringIO(client.get("/reports/export/figures.csv?year=2021").data.decode("utf-8-sig"))))
    assert rows[-3:] == [["Employees", ""], ["Nationalities", ""], ["Member states", ""]]


@pytest.mark.pdf
def test_the_pdf_tiles_give_the_organisations_own_facts_on_page_one(organisation_2021, client, auth):
    auth.login(Role.MANAGER)
    reader = PdfReader(io.BytesIO(client.get("/reports/key-figures.pdf?year=2021").data))
    assert len(reader.pages) <= 3
    first = " ".join(reader.pages[0].extract_text().split())
    assert "463 employees" in first and "70 nationalities" in first and "3 member states" in first
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "member states: the states that are members at the end of the year" in text


@pytest.mark.pdf
def test_pdf_without_kosovo_has_no_footnote(app, client, auth):
    factories.project(countries=["TN"])
    db.session.commit()
    auth.login(Role.MANAGER)
    reader = PdfReader(io.BytesIO(client.get("/reports/key-figures.pdf?year=2021").data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Tunisia" in text and "1244" not in text


@pytest.mark.pdf
def test_pdf_in_the_readers_language(year_2021, client, auth):
    auth.login(Role.MANAGER, language="fr")
    reader = PdfReader(io.BytesIO(client.get("/reports/key-figures.pdf?year=2021").data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "329 millions €" in text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.pdf
def test_the_russian_pdf_ends_its_last_sentence_after_the_date_with_one_full_stop(year_2021, client, auth):
    auth.login(Role.MANAGER, language="ru")
    reader = PdfReader(io.BytesIO(client.get("/reports/key-figures.pdf?year=2021").data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    today = " ".join(format_date(date.today(), "long", locale="ru").split())
    assert today.endswith("г.") and f"на {today}" in text and "г.." not in text


def test_french_writes_a_narrow_no_break_space_before_the_colon_of_a_filter(year_2021, client, auth):
    auth.login(Role.MANAGER, language="fr")
    assert "Région\u202f: Mediterranean" in client.get("/reports/?year=2021&region=MED").get_data(as_text=True)
    client.post("/language", data={"language": "en"})
    assert "Region: Mediterranean" in client.get("/reports/?year=2021&region=MED").get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "accept", "written"),
    [
        (None, "en-GB,en;q=0.9", "30/11/2026"),
        (None, "en-US,en;q=0.9", "11/30/26"),
        ("en", "en-GB,en;q=0.9", "30/11/2026"),  # English chosen in the profile: the browser's territory still counts
        ("en", "fr-CA,en;q=0.5", "11/30/26"),  # but only a territory given for English
        ("ru", "en-GB", "30.11.2026"),
    ],
)
def test_published_dates_are_written_in_the_readers_locale(app, client, auth, language, accept, written):
    manager = auth.login(Role.MANAGER, language=language)
    published_at = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    db.session.add(
        KeyFigureSnapshot(year=2026, document="{}", pdf=b"%PDF", published_by=manager, published_at=published_at)
    )
    db.session.commit()
    assert written in client.get("/reports/snapshots", headers={"Accept-Language": accept}).get_data(as_text=True)


@pytest.mark.pdf
@pytest.mark.commits
def test_a_snapshot_records_the_language_not_the_territory(year_2021, client, auth, task_worker):
    auth.login(Role.MANAGER)
    response = client.post(
        "/reports/snapshots", data={"year": "2021", "confirm": "y"}, headers={"Accept-Language": "en-GB"}
    )
    assert finished(job_id_of(response)).status == JobStatus.DONE
    assert db.session.scalars(db.select(KeyFigureSnapshot.language)).one() == "en"


@pytest.mark.commits
def test_publishing_freezes_the_figures_and_the_dashboard_shows_what_changed(year_2021, client, auth, task_worker):
    manager = auth.login(Role.MANAGER)
    refused = client.post("/reports/snapshots", data={"year": "2021"})
    assert refused.status_code == 302 and db.session.scalar(db.select(db.func.count(KeyFigureSnapshot.id))) == 0

    # a job renders the PDF and publishes; its page says so once done
    job = finished(job_id_of(client.post("/reports/snapshots", data={"year": "2021", "confirm": "y"})))
    assert job.kind == "snapshot" and job.status == JobStatus.DONE, job.errors
    assert "The key figures of 2021 are published." in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    snapshot = db.session.scalars(db.select(KeyFigureSnapshot)).one()
    published = key_figures_document(key_figures(db.session, 2021, reporting_currency="EUR"))
    assert json.loads(snapshot.document) == published
    assert (published["employees"], published["nationalities"], published["member_states"]) == (None, None, None)
    assert (snapshot.year, snapshot.filters, snapshot.published_by_id) == (2021, "{}", manager.id)
    assert snapshot.pdf.startswith(b"%PDF")

    factories.revenue(2021, "1000.00", RevenueType.OTHER)  # the data changes after publication
    db.session.commit()
    page = " ".join(client.get("/reports/?year=2021").get_data(as_text=True).split())
    # other revenue, the total, the unattributed funding and the 2021 bar of the growth chart
    assert "4 figures now differ from the published ones" in page
    assert 'Revenue · Total revenue</td><td class="num">€58,208,000.00</td><td class="num">€58,209,000.00' in page

    frozen = client.get(f"/reports/snapshots/{snapshot.id}.json")
    assert json.loads(frozen.data) == published
    assert client.get(f"/reports/snapshots/{snapshot.id}.pdf").data == snapshot.pdf
    listing = client.get("/reports/snapshots").get_data(as_text=True)
    assert f"/reports/snapshots/{snapshot.id}.pdf" in listing and manager.name in listing


@pytest.mark.commits
def test_a_snapshot_carries_the_organisations_own_facts_and_shows_when_they_change(
    organisation_2021, client, auth, task_worker
):
    auth.login(Role.MANAGER)
    assert finished(job_id_of(client.post("/reports/snapshots", data={"year": "2021", "confirm": "y"}))).status == (
        JobStatus.DONE
    )
    snapshot = db.session.scalars(db.select(KeyFigureSnapshot)).one()
    frozen = json.loads(client.get(f"/reports/snapshots/{snapshot.id}.json").data)
    assert (frozen["employees"], frozen["nationalities"], frozen["member_states"]) == (463, 70, 3)

    db.session.scalars(db.select(OrganisationYear)).one().employees = 470
    db.session.commit()
    page = " ".join(client.get("/reports/?year=2021").get_data(as_text=True).split())
    assert "One figure now differs from the published one." in page
    assert 'Employees</td><td class="num">463</td><td class="num">470</td>' in page


@pytest.mark.commits
def test_a_filtered_snapshot_is_compared_with_the_same_filters(year_2021, client, auth, task_worker):
    auth.login(Role.ADMIN)
    finished(job_id_of(client.post("/reports/snapshots", data={"year": "2021", "region": "AFR", "confirm": "y"})))
    snapshot = db.session.scalars(db.select(KeyFigureSnapshot)).one()
    assert json.loads(snapshot.filters) == {"region": "AFR"}
    assert json.loads(snapshot.document) == key_figures_document(
        key_figures(db.session, 2021, reporting_currency="EUR", filters=Filters(region="AFR"))
    )
    assert "The live figures are the published ones." in client.get("/reports/?year=2021&region=AFR").get_data(
        as_text=True
    )
    assert "Published on" not in client.get("/reports/?year=2021").get_data(as_text=True)


@pytest.fixture
def hostile_region(app):
    region = factories.region("EVIL", '=HYPERLINK("http://x")')
    factories.expenditure(factories.project(region=region), 2021, "1234.50")
    factories.region("NONE", "-nothing")
    db.session.commit()


def test_csv_export_is_rfc_4180_and_formula_safe(hostile_region, client, auth):
    auth.login(Role.MANAGER)
    response = client.get("/reports/export/region.csv?year=2021")
    assert response.mimetype == "text/csv"
    text = response.data.decode("utf-8-sig")
    assert text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text))) == [
        ["Region", "Amount (EUR)", "Share (%)"],
        ['\'=HYPERLINK("http://x")', "1234.50", "100"],
        ["'-nothing", "0.00", "0"],
    ]


def test_xlsx_export_keeps_numbers_as_numbers(hostile_region, client, auth):
    auth.login(Role.MANAGER)
    response = client.get("/reports/export/region.xlsx?year=2021")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows == [
        ("Region", "Amount (EUR)", "Share (%)"),
        ('\'=HYPERLINK("http://x")', 1234.5, 100),
        ("'-nothing", 0, 0),
    ]


def test_every_breakdown_exports(year_2021, client, auth):
    auth.login(Role.MANAGER)
    expected_first_rows = {
        "figures": ["Projects", "2"],
        "revenue": ["Membership contributions", "1482000.00"],
        "funding": ["EC", "40000000.00", "69"],  # of 58,208,000.00, the rest unattributed
        "growth": ["2016", "0.00"],
        "gender": ["Female", "0"],
        "sector": ["Government", "0"],
    }
    for name, first in expected_first_rows.items():
        rows = list(
            csv.reader(io.StringIO(client.get(f"/reports/export/{name}.csv?year=2021").data.decode("utf-8-sig")))
        )
        assert rows[1] == first, name
    assert client.get("/reports/export/people.csv?year=2021").status_code == 404


def test_dashboard_opens_on_the_latest_year_with_data_and_only_publishers_may_publish(year_2021, client, auth):
    auth.login(Role.OFFICER)
    page = client.get("/reports/").get_data(as_text=True)
    assert "Key figures 2021" in page and "€58,208,000.00" in page
    assert "Publish the key figures" not in page
    assert client.post("/reports/snapshots", data={"year": "2021", "confirm": "y"}).status_code == 403
