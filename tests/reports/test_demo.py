"""The demo portfolio's 2021 key figures: the "in a nutshell" page of the seed's annual report, in two pages, and
the map of where the organisation worked."""

import io

import pytest
from pypdf import PdfReader

from portal.accounts.models import Role
from portal.demo.loader import load_demo
from portal.extensions import db


@pytest.mark.pdf
def test_the_demo_2021_pdf_is_the_annual_reports_nutshell_page(app, client, auth):
    load_demo(db.session, reporting_currency="EUR")
    db.session.commit()
    auth.login(Role.MANAGER)

    reader = PdfReader(io.BytesIO(client.get("/reports/key-figures.pdf?year=2021").data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    # the nutshell page in two pages, and the map on a third
    assert len(reader.pages) == 3
    assert "Where the organisation worked in 2021" in reader.pages[2].extract_text()
    assert (
        "37 conferences and 611 trainings, meetings and workshops totalling 2,834 days at 179 locations with "
        "12,420 participants and 141 partners"
    ) in text
    assert "€329 million" in text and "84 projects in 91 countries" in text and "29 duty stations" in text
    assert "€58,208,000.00" in text and "Kosovo*" in text and "resolution 1244" in text
    # the organisation's own facts, on the first page's tiles as in the report
    first = " ".join(reader.pages[0].extract_text().split())
    assert "463 employees" in first and "70 nationalities" in first and "19 member states" in first
    document = client.get("/api/v1/key-figures?year=2021").get_json()
    assert (document["employees"], document["nationalities"], document["member_states"]) == (463, 70, 19)
