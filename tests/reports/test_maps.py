from lxml import etree

from portal.reports.maps import EVENT, PROJECT, _outlines, world_map

NS = {"svg": "http://www.w3.org/2000/svg"}
LEGEND = ("Countries of the year's projects", "Event locations")


def _map(projects, events, title="Where we worked"):
    return etree.fromstring(str(world_map(title, "Projects in Austria and Tunisia.", projects, events, LEGEND)))


def _fills(svg):
    return [path.get("fill") for path in svg.iterfind(".//svg:path", NS)]


def test_project_countries_are_filled_and_event_places_marked():
    svg = _map(["AT", "TN"], ["BE"])
    outlines = _outlines()[2]
    filled = {path.get("d") for path in svg.iterfind(".//svg:path", NS) if path.get("fill") == PROJECT}
    assert filled == {outlines["AT"].d, outlines["TN"].d}
    dots = [c for c in svg.iterfind(".//svg:circle", NS) if c.get("fill") == EVENT and c.get("cx")]
    assert {(float(c.get("cx")), float(c.get("cy"))) for c in dots} >= {outlines["BE"].centre}
    assert svg.get("role") == "img" and svg.find("svg:title", NS).text == "Where we worked"


def test_the_map_shows_the_part_of_the_world_its_countries_are_in():
    europe = _map(["AT"], [])
    whole = _map([], [])
    assert len(_fills(europe)) < len(_fills(whole)) / 2
    assert _outlines()[2]["BR"].d not in {path.get("d") for path in europe.iterfind(".//svg:path", NS)}
    assert whole.get("viewBox") == f"0.0 0.0 {_outlines()[0]:.1f} {_outlines()[1]:.1f}"


def test_a_country_too_small_for_an_outline_is_a_dot_and_unknown_codes_are_left_out():
    svg = _map(["MT", "ZZ"], [])
    centre = _outlines()[2]["MT"].centre
    dots = [c for c in svg.iterfind(".//svg:circle", NS) if c.get("fill") == PROJECT]
    assert [(float(c.get("cx")), float(c.get("cy"))) for c in dots] == [centre]


def test_texts_are_text_never_markup():
    svg = _map(["AT"], [], title="<script>alert(1)</script>")
    assert svg.find("svg:title", NS).text == "<script>alert(1)</script>"
    assert not list(svg.iter("{http://www.w3.org/2000/svg}script"))


def test_the_figures_give_the_countries_of_the_years_events_held_in_person(app):
    from datetime import date

    from portal.events.models import EventMode
    from portal.extensions import db
    from portal.reports.queries import key_figures
    from tests import factories

    factories.event(country="AT")
    factories.event(country="tn", mode=EventMode.HYBRID, city="Tunis")
    factories.event(country="FR", mode=EventMode.ONLINE, city=None)
    factories.event(country="BE", start_date=date(2020, 5, 1))
    db.session.flush()
    figures = key_figures(db.session, 2021, reporting_currency="EUR")
    assert figures.event_country_codes == ("AT", "TN")
