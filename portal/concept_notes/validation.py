"""The rules a concept note must meet before it can be submitted (concept-note.md), each with its reason."""

from dataclasses import dataclass

from flask_babel import gettext as _

from portal.concept_notes.budget import Budget
from portal.concept_notes.models import ConceptNote, Scope
from portal.concept_notes.sections import SECTION_KEYS, SECTION_TITLES


@dataclass(frozen=True)
class Problem:
    #: where to fix it: "cover", a section key, "results_table", "risks_table", "budget_table" or "general"
    part: str
    message: str
    #: False for a warning that does not stop submission
    blocking: bool = True


def _cover_problems(note: ConceptNote) -> list[Problem]:
    problems = []

    def need(value, message):
        if not value:
            problems.append(Problem("cover", message))

    need(note.title.strip(), _("The title is missing."))
    need(note.scope, _("The geographic scope is missing."))
    need(note.countries, _("Choose at least one country."))
    if note.scope == Scope.REGIONAL and len(note.countries) < 2:
        problems.append(Problem("cover", _("A regional programme needs at least two countries.")))
    if len(note.organisations) < 2:
        problems.append(Problem("cover", _("A joint programme needs at least two participating UN organisations.")))
    if not note.lead_organisation or note.lead_organisation not in note.organisations:
        problems.append(Problem("cover", _("Mark one participating UN organisation as the lead.")))
    need(note.implementing_partners.strip(), _("List the implementing partners."))
    need(note.thematic_area, _("Choose the thematic area."))
    need(note.gcm_objectives, _("Choose at least one GCM objective."))
    need(note.guiding_principles, _("Choose the GCM guiding principles the programme applies."))
    if not note.duration_months or not 1 <= note.duration_months <= 60:
        problems.append(Problem("cover", _("The duration must be between 1 and 60 months.")))
    need(note.planned_start_on, _("The planned start is missing."))
    markers = (
        (note.gender_marker, note.gender_justification, _("gender")),
        (note.human_rights_marker, note.human_rights_justification, _("human rights")),
        (note.child_marker, note.child_justification, _("child-sensitivity")),
    )
    for marker, justification, name in markers:
        if marker is None:
            problems.append(Problem("cover", _("Give the %(marker)s marker.", marker=name)))
        elif not justification.strip():
            problems.append(Problem("cover", _("Justify the %(marker)s marker.", marker=name)))
    for marker, name in ((note.gender_marker, _("gender")), (note.child_marker, _("child-sensitivity"))):
        if marker == 0:
            problems.append(
                Problem(
                    "cover",
                    _(
                        "The %(marker)s marker is 0: every note must address it; explain why in the justification.",
                        marker=name,
                    ),
                    blocking=False,
                )
            )
    need(note.contact_name.strip(), _("The contact name is missing."))
    need(note.contact_organisation.strip(), _("The contact organisation is missing."))
    need(note.contact_email.strip(), _("The contact e-mail address is missing."))
    return problems


def _results_problems(note: ConceptNote) -> list[Problem]:
    problems = []
    if not note.outcomes:
        problems.append(Problem("results_table", _("The results framework needs at least one outcome.")))
    for output in note.outputs:
        if output.outcome_id is None:
            problems.append(
                Problem(
                    "results_table", _("Output “%(output)s” belongs to no outcome.", output=_short(output.statement))
                )
            )
    if note.outputs == [] and note.outcomes:
        problems.append(Problem("results_table", _("Each outcome needs at least one output.")))
    for indicator in note.indicators:
        name = _short(indicator.description)
        if not indicator.baseline.strip():
            problems.append(Problem("results_table", _("Indicator “%(indicator)s” has no baseline.", indicator=name)))
        if not indicator.target.strip():
            problems.append(Problem("results_table", _("Indicator “%(indicator)s” has no target.", indicator=name)))
        if indicator.output_id is None:
            problems.append(
                Problem("results_table", _("Indicator “%(indicator)s” belongs to no output.", indicator=name))
            )
    return problems


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def check_note(note: ConceptNote, budget: Budget) -> list[Problem]:
    """Every broken rule and warning, except the page limit (which needs the rendered PDF)."""
    problems = _cover_problems(note)
    for key in SECTION_KEYS:
        if not note.section_text(key).strip():
            problems.append(Problem(key, _("Section “%(section)s” is empty.", section=SECTION_TITLES[key])))
    problems += _results_problems(note)
    if not note.risks:
        problems.append(Problem("risks_table", _("List at least one risk with its mitigation.")))
    if budget.is_empty:
        problems.append(Problem("budget_table", _("The budget is empty.")))
    return problems


def page_problems(pages: int, *, limit: int, warning: int) -> list[Problem]:
    """The page-limit rule on the rendered PDF: refused above the limit, a warning above the warning level."""
    if pages > limit:
        return [
            Problem(
                "general",
                _("The PDF has %(pages)d pages; the limit is %(limit)d. Shorten the note.", pages=pages, limit=limit),
            )
        ]
    if pages > warning:
        return [
            Problem(
                "general",
                _(
                    "The PDF has %(pages)d pages; notes of up to %(warning)d pages read best.",
                    pages=pages,
                    warning=warning,
                ),
                blocking=False,
            )
        ]
    return []
