"""Key-figure charts as SVG drawn on the server by pygal: the same picture on the dashboard and in the PDF.

No JavaScript: pygal's scripts are switched off and its inline config <script> removed, so the pages need no
script exception in the Content-Security-Policy. Values come formatted by the caller (in the reader's locale)."""

import base64
import sys
from collections.abc import Callable, Sequence

import lxml.etree as etree
import pygal
from markupsafe import Markup
from pygal.style import Style

# pygal appends a legacy import finder for its map plugins (unused here) that turns every failed import anywhere
# (openpyxl probing for numpy, say) into an ImportWarning; take it out again.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

PALETTE = ("#0b3d6b", "#1f7a8c", "#6fb1c8", "#e0a526", "#c8553d", "#7a9e3d", "#8c6bb1", "#9aa5b1", "#4d4d4d")
FONT = "DejaVu Sans, Noto Sans, Helvetica, Arial, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#d5dde5",
    opacity="1",
    opacity_hover="1",
    colors=PALETTE,
    font_family=FONT,
    label_font_family=FONT,
    major_label_font_family=FONT,
    value_font_family=FONT,
    value_label_font_family=FONT,
    title_font_family=FONT,
    legend_font_family=FONT,
    tooltip_font_family=FONT,
    title_font_size=15,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    value_font_size=12,
    value_label_font_size=12,
)

Items = Sequence[tuple[str, float | int]]


def _config(**options) -> dict:
    return {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "show_y_guides": False,
        "margin": 8,
        **options,
    }


def _svg(chart, title: str) -> Markup:
    """The chart as an <svg> element without its <script>, labelled for screen readers."""
    root = etree.fromstring(chart.render())
    for script in root.iter(f"{{{SVG_NS}}}script"):
        script.getparent().remove(script)
    root.set("role", "img")
    root.set("aria-label", title)
    return Markup(etree.tostring(root, encoding="unicode"))  # noqa: S704 - SVG produced by pygal from our values


def color(index: int) -> str:
    """The colour of the index-th share of a donut, for the swatch beside its table row."""
    return PALETTE[index % len(PALETTE)]


def donut(title: str, values: Sequence[float]) -> Markup:
    """A ring of shares, coloured in order (share i has color(i)); its table beside it is the legend."""
    chart = pygal.Pie(**_config(inner_radius=0.55, width=300, height=300, show_legend=False, margin=4))
    for index, value in enumerate(values):
        chart.add(str(index), [{"value": float(value), "color": color(index)}])
    return _svg(chart, title)


def columns(title: str, items: Items, format_value: Callable[[float], str]) -> Markup:
    """Vertical bars, one per label, each with its value printed above it."""
    chart = pygal.Bar(
        **_config(
            width=640,
            height=180,
            show_legend=False,
            print_values=True,
            print_values_position="top",
            show_y_labels=False,
            y_labels_major_count=0,
            formatter=format_value,
            zero=0,
            spacing=14,
        )
    )
    chart.x_labels = [label for label, _ in items]
    chart.add(title, [float(value) for _, value in items])
    return _svg(chart, title)


def bars(title: str, items: Items, format_value: Callable[[float], str]) -> Markup:
    """Horizontal bars, first at the top, each labelled on the left with its name and value."""
    items = list(reversed(items))  # pygal draws the first bar at the bottom
    chart = pygal.HorizontalBar(
        **_config(
            width=420,
            height=16 + 24 * max(len(items), 1),
            show_legend=False,
            show_x_labels=False,
            show_x_guides=False,
            truncate_label=-1,
            zero=0,
        )
    )
    chart.x_labels = [f"{label}  {format_value(value)}" for label, value in items]
    chart.add(
        title,
        [{"value": float(value), "color": color(len(items) - 1 - index)} for index, (_, value) in enumerate(items)],
    )
    return _svg(chart, title)


def data_uri(svg: Markup) -> str:
    """The SVG as a data: URL, for <img> in PDFs."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode()
