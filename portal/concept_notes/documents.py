"""The concept note as a document: its narrative sections rendered for reading, and the PDF in the note's
language."""

from datetime import date
from decimal import Decimal

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from portal.concept_notes import queries, reference_lists
from portal.concept_notes.markdown import render_markdown
from portal.concept_notes.models import ConceptNote, NoteStatus
from portal.concept_notes.sections import SECTION_KEYS, SECTION_TITLES
from portal.i18n import mentions_kosovo
from portal.pdf import html_to_pdf_with_pages


def rendered_sections(note: ConceptNote) -> list[tuple[str, str, Markup]]:
    """(key, title, HTML) of each narrative section, in order, as the note's page and its PDF show them."""
    return [(key, SECTION_TITLES[key], render_markdown(note.section_text(key))) for key in SECTION_KEYS]


def note_pdf_html(note: ConceptNote, *, rate: Decimal) -> str:
    """The note as the HTML document the PDF is made from, in the note's language."""
    budget = queries.budget_for(note, rate)
    with force_locale(note.language or "en"):
        page_of = _css_string(_("Page %(page)s of %(pages)s", page="\x00", pages="\x01"))
        return render_template(
            "pdf/concept_note.html",
            note=note,
            budget=budget,
            by_outcome=queries.budget_by_outcome(note, rate, budget),
            rate=rate,
            reference=reference_lists.lookup(),
            sections=rendered_sections(note),
            draft=note.status != NoteStatus.ENDORSED,
            today=date.today(),
            # our own translated words, CSS-quoted; no user text reaches the stylesheet
            page_of=Markup(page_of.replace("\x00", '" counter(page) "').replace("\x01", '" counter(pages) "')),  # noqa: S704
            fund_label=Markup(_css_string(_("M-MPTF joint programme concept note"))),  # noqa: S704
            show_kosovo=mentions_kosovo(note.countries),
        )


def render_note_pdf(note: ConceptNote, *, rate: Decimal) -> tuple[bytes, int]:
    """The note as a PDF in its own language; returns the bytes and the page count."""
    return html_to_pdf_with_pages(note_pdf_html(note, rate=rate), static_folder=current_app.static_folder)


def _css_string(text: str) -> str:
    """A CSS string literal holding `text`, safe inside a <style> element."""
    escaped = str(text).replace("\\", "\\5c ").replace('"', "\\22 ").replace("<", "\\3c ").replace("\n", " ")
    return f'"{escaped}"'
