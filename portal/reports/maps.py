"""The key figures' map: the countries the year's projects work in, and where its events took place, drawn as SVG
on the server from the outlines in data/world_map.json (Natural Earth, public domain; made by scripts/world_map).
The map shows the part of the world those countries lie in; a country too small to have an outline at this scale
is a dot."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.etree as etree
from markupsafe import Markup

from portal.reports.charts import FONT, PALETTE

DATA = Path(__file__).with_name("data") / "world_map.json"
SVG_NS = "http://www.w3.org/2000/svg"
LAND, BORDER = "#e3e8ed", "#ffffff"
PROJECT, EVENT = PALETTE[1], PALETTE[3]
#: space around the countries shown, as a share of the view, and the smallest view (map units)
MARGIN, MIN_WIDTH = 0.08, 260


@dataclass(frozen=True)
class Outline:
    d: str
    centre: tuple[float, float]
    box: tuple[float, float, float, float]


@cache
def _outlines() -> tuple[float, float, dict[str, Outline]]:
    data = json.loads(DATA.read_text())
    outlines = {
        code: Outline(entry["d"], tuple(entry["c"]), tuple(entry["box"])) for code, entry in data["countries"].items()
    }
    return data["width"], data["height"], outlines


def _view(codes, width: float, height: float, outlines) -> tuple[float, float, float, float]:
    """(x, y, width, height) around the countries' outlines, with a margin, at least MIN_WIDTH wide and in the
    whole map's proportions; the whole map when there are none."""
    boxes = [outlines[code].box for code in codes if code in outlines]
    if not boxes:
        return 0, 0, width, height
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    view_width = max(right - left, (bottom - top) * width / height, MIN_WIDTH) * (1 + 2 * MARGIN)
    view_height = view_width * height / width
    x = min(max((left + right - view_width) / 2, 0), width - view_width)
    y = min(max((top + bottom - view_height) / 2, 0), height - view_height)
    return x, y, view_width, view_height


def _overlaps(box, view) -> bool:
    x, y, w, h = view
    return box[2] >= x and box[0] <= x + w and box[3] >= y and box[1] <= y + h


def world_map(title: str, description: str, project_countries, event_countries, legend: tuple[str, str]) -> Markup:
    """The map: project countries filled, event countries marked by a dot, with a legend (project label, event
    label) and, for screen readers, the title and a description that names the countries."""
    width, height, outlines = _outlines()
    projects, events = set(project_countries), set(event_countries)
    view = _view(projects | events, width, height, outlines)
    scale = view[2] / width
    svg = etree.Element(
        f"{{{SVG_NS}}}svg",
        nsmap={None: SVG_NS},
        viewBox=" ".join(f"{v:.1f}" for v in view),
        role="img",
        preserveAspectRatio="xMidYMid meet",
        **{"class": "world-map", "aria-labelledby": "map-title map-desc"},
    )
    etree.SubElement(svg, "title", id="map-title").text = title
    etree.SubElement(svg, "desc", id="map-desc").text = description
    land = etree.SubElement(svg, "g", fill=LAND, stroke=BORDER, **{"stroke-width": f"{0.6 * scale:.2f}"})
    dots = []
    for code, outline in sorted(outlines.items()):
        if not _overlaps(outline.box, view):
            continue
        if outline.d:
            etree.SubElement(land, "path", d=outline.d, fill=PROJECT if code in projects else LAND)
        elif code in projects:
            dots.append((outline.centre, PROJECT, 3.2))
    dots += [(outlines[code].centre, EVENT, 4) for code in sorted(events) if code in outlines]
    marks = etree.SubElement(svg, "g", stroke=BORDER, **{"stroke-width": f"{scale:.2f}"})
    for (x, y), fill, radius in dots:
        etree.SubElement(marks, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{radius * scale:.2f}", fill=fill)
    _legend(svg, view, scale, legend)
    return Markup(etree.tostring(svg, encoding="unicode"))  # noqa: S704 - built by lxml, which escapes the texts


def _legend(svg, view, scale: float, labels: tuple[str, str]) -> None:
    x, y, _, h = view
    size = 16 * scale
    group = etree.SubElement(svg, "g", **{"font-family": FONT, "font-size": f"{size:.2f}", "fill": "#1b1b1b"})
    top = y + h - 2.6 * size
    longest = max(len(label) for label in labels)
    etree.SubElement(
        group,
        "rect",
        x=f"{x + 0.4 * size:.1f}",
        y=f"{top - 1.6 * size:.1f}",
        width=f"{(2.6 + 0.62 * longest) * size:.1f}",
        height=f"{3.2 * size:.1f}",
        fill="#ffffff",
        opacity="0.85",
    )
    etree.SubElement(
        group,
        "rect",
        x=f"{x + size:.1f}",
        y=f"{top - 0.8 * size:.1f}",
        width=f"{size:.1f}",
        height=f"{0.8 * size:.1f}",
        fill=PROJECT,
    )
    etree.SubElement(group, "text", x=f"{x + 2.4 * size:.1f}", y=f"{top:.1f}").text = labels[0]
    etree.SubElement(
        group, "circle", cx=f"{x + 1.5 * size:.1f}", cy=f"{top + 0.9 * size:.1f}", r=f"{0.4 * size:.2f}", fill=EVENT
    )
    etree.SubElement(group, "text", x=f"{x + 2.4 * size:.1f}", y=f"{top + 1.2 * size:.1f}").text = labels[1]
