"""The rules a concept note must meet before it can be submitted (concept-note.md), each with its reason."""

from dataclasses import dataclass

from flask_babel import format_decimal
from flask_babel import gettext as _

from portal.concept_notes import queries
from portal.concept_notes.budget import Budget, OutcomeYearBudget
from portal.concept_notes.models import GOVERNMENT_KINDS, SOCIETY_KINDS, ConceptNote, Scope
from portal.concept_notes.sections import SECTION_KEYS, SECTION_TITLES

#: the top of the fund's human rights marker scale
HUMAN_RIGHTS_MAX = 2


@dataclass(frozen=True)
class Problem:
    #: where to fix it: "cover", a section key, "results_table", "risks_table", "budget_table" or "general"
    part: str
    message: str
    #: False for a warning that does not stop submission
    blocking: bool = True
    #: the id of the field to fix on the part's page, for a link straight to it
    field: str | None = None


def _cover_problems(note: ConceptNote) -> list[Problem]:
    problems = []

    def need(value, message, field):
        if not value:
            problems.append(Problem("cover", message, field=field))

    need(note.title.strip(), _("The title is missing."), "title")
    need(note.scope, _("The geographic scope is missing."), "scope")
    need(note.countries, _("Choose at least one country."), "countries")
    if note.scope == Scope.REGIONAL and len(note.countries) < 2:
        problems.append(Problem("cover", _("A regional programme needs at least two countries."), field="countries"))
    if len(note.organisations) < 2:
        problems.append(
            Problem(
                "cover",
                _("A joint programme needs at least two participating UN organisations."),
                field="organisations",
            )
        )
    if not note.lead_organisation or note.lead_organisation not in note.organisations:
        problems.append(
            Problem("cover", _("Mark one participating UN organisation as the lead."), field="lead_organisation")
        )
    need(note.partners, _("List the implementing partners."), "partners")
    need(note.thematic_area, _("Choose the thematic area."), "thematic_area")
    need(note.gcm_objectives, _("Choose at least one GCM objective."), "gcm_objectives")
    need(note.guiding_principles, _("Choose the GCM guiding principles the programme applies."), "guiding_principles")
    if not note.duration_months or not 1 <= note.duration_months <= 60:
        problems.append(Problem("cover", _("The duration must be between 1 and 60 months."), field="duration_months"))
    need(note.planned_start_on, _("The planned start is missing."), "planned_start_on")
    markers = (
        ("gender_marker", note.gender_marker, note.gender_justification, _("gender")),
        ("human_rights_marker", note.human_rights_marker, note.human_rights_justification, _("human rights")),
        ("child_marker", note.child_marker, note.child_justification, _("child-sensitivity")),
    )
    for field, marker, justification, name in markers:
        if marker is None:
            problems.append(Problem("cover", _("Give the %(marker)s marker.", marker=name), field=field))
        elif not justification.strip():
            problems.append(
                Problem(
                    "cover",
                    _("Justify the %(marker)s marker.", marker=name),
                    field=field.replace("marker", "justification"),
                )
            )
    for field, marker, name in (
        ("gender_marker", note.gender_marker, _("gender")),
        ("child_marker", note.child_marker, _("child-sensitivity")),
    ):
        if marker == 0:
            problems.append(
                Problem(
                    "cover",
                    _(
                        "The %(marker)s marker is 0: every note must address it; explain why in the justification.",
                        marker=name,
                    ),
                    blocking=False,
                    field=field,
                )
            )
    need(note.contact_name.strip(), _("The contact name is missing."), "contact_name")
    need(note.contact_organisation.strip(), _("The contact organisation is missing."), "contact_organisation")
    need(note.contact_email.strip(), _("The contact e-mail address is missing."), "contact_email")
    return problems


def check_sdg_targets(note: ConceptNote) -> list[Problem]:
    """Alignment with the 2030 Agenda: at least one SDG target."""
    if note.sdg_targets:
        return []
    return [Problem("cover", _("Choose the SDG targets the programme contributes to."), field="sdg_targets")]


def check_human_rights_marker(note: ConceptNote) -> list[Problem]:
    """The human rights marker is on the fund's own scale, 0 to 2, not the gender marker's 0 to 3."""
    if note.human_rights_marker is None or 0 <= note.human_rights_marker <= HUMAN_RIGHTS_MAX:
        return []
    return [
        Problem(
            "cover",
            _("The human rights marker goes from 0 to %(max)d: choose it again.", max=HUMAN_RIGHTS_MAX),
            field="human_rights_marker",
        )
    ]


def check_gender_budget(note: ConceptNote) -> list[Problem]:
    """The share of the budget for gender equality is given, as the gender marker guidance asks."""
    if note.gender_budget_percent is not None:
        return []
    return [
        Problem(
            "cover",
            _("Give the share of the budget for gender equality."),
            field="gender_budget_percent",
        )
    ]


def check_principle_applications(note: ConceptNote, titles: dict[str, str]) -> list[Problem]:
    """Each chosen guiding principle says how the programme applies it; `titles` maps codes to their labels."""
    return [
        Problem(
            "cover",
            _("Say how the programme applies the principle “%(principle)s”.", principle=titles.get(code, code)),
            field=f"principle-{code}",
        )
        for code in note.guiding_principles
        if not (note.principle_applications or {}).get(code, "").strip()
    ]


def check_whole_of_government_and_society(note: ConceptNote) -> list[Problem]:
    """More than one government entity among the partners, and civil society or migrants among them."""
    problems = []
    kinds = [partner.get("kind") for partner in note.partners if partner.get("name")]
    if any(kind is None for kind in kinds):
        problems.append(Problem("cover", _("Say what kind of partner each implementing partner is."), field="partners"))
    if sum(kind in GOVERNMENT_KINDS for kind in kinds) < 2:
        problems.append(
            Problem(
                "cover",
                _("Whole-of-government approach: name more than one government entity among the partners."),
                field="partners",
            )
        )
    if not any(kind in SOCIETY_KINDS for kind in kinds):
        problems.append(
            Problem(
                "cover",
                _("Whole-of-society approach: civil society or migrant organisations must be among the partners."),
                field="partners",
            )
        )
    return problems


def check_endorsements(note: ConceptNote) -> list[Problem]:
    """Endorsed by the government(s) (which, who, when) and by the UN Resident Coordinator (who, when)."""
    problems = []
    recorded = [e for e in note.government_endorsements if e.get("country") or e.get("by") or e.get("on")]
    if not recorded:
        problems.append(
            Problem(
                "cover",
                _("Record the endorsement by the government(s) before submitting."),
                field="government_endorsements",
            )
        )
    elif not all(e.get("country") and (e.get("by") or "").strip() and e.get("on") for e in recorded):
        problems.append(
            Problem(
                "cover",
                _("Each government endorsement needs the government, who endorsed and when."),
                field="government_endorsements",
            )
        )
    if not note.rc_endorsed_by.strip() or note.rc_endorsed_on is None:
        problems.append(
            Problem(
                "cover",
                _("Record who endorsed the note for the UN Resident Coordinator, and when."),
                field="rc_endorsed_by",
            )
        )
    return problems


def check_objectives_in_area(note: ConceptNote, area_objectives: dict[str, set[str]]) -> list[Problem]:
    """A warning for chosen GCM objectives that do not belong to the chosen thematic area (as the admins map them)."""
    belonging = area_objectives.get(note.thematic_area or "")
    if belonging is None:
        return []
    outside = [code for code in note.gcm_objectives if code not in belonging]
    if not outside:
        return []
    return [
        Problem(
            "cover",
            _(
                "GCM objectives %(objectives)s do not belong to thematic area %(area)s: check the thematic area or "
                "the objectives.",
                objectives=", ".join(outside),
                area=note.thematic_area,
            ),
            blocking=False,
            field="gcm_objectives",
        )
    ]


def check_budget_by_outcome_and_year(budget: Budget, by_outcome: OutcomeYearBudget) -> list[Problem]:
    """The budget by outcome and year shares out exactly the direct costs of the budget by category."""
    if budget.is_empty or by_outcome.direct_total == budget.direct_total:
        return []
    return [
        Problem(
            "budget_table",
            _(
                "The budget by outcome and year adds up to %(by_outcome)s, the budget by category to %(by_category)s: "
                "share out the same direct costs.",
                by_outcome=format_decimal(by_outcome.direct_total, format="#,##0.00"),
                by_category=format_decimal(budget.direct_total, format="#,##0.00"),
            ),
            field="cn-outcome-budget",
        )
    ]


def _results_problems(note: ConceptNote) -> list[Problem]:
    problems = []
    if not note.outcomes:
        problems.append(Problem("results_table", _("The results framework needs at least one outcome.")))
    for output in note.outputs:
        if output.outcome_id is None:
            problems.append(
                Problem(
                    "results_table",
                    _("Output “%(output)s” belongs to no outcome.", output=_short(output.statement)),
                    field=f"output-{output.id}",
                )
            )
    if note.outputs == [] and note.outcomes:
        problems.append(Problem("results_table", _("Each outcome needs at least one output.")))
    for indicator in note.indicators:
        name = _short(indicator.description)
        if not indicator.baseline.strip():
            problems.append(
                Problem(
                    "results_table",
                    _("Indicator “%(indicator)s” has no baseline.", indicator=name),
                    field=f"indicator-{indicator.id}",
                )
            )
        if not indicator.target.strip():
            problems.append(
                Problem(
                    "results_table",
                    _("Indicator “%(indicator)s” has no target.", indicator=name),
                    field=f"indicator-{indicator.id}",
                )
            )
        if indicator.output_id is None:
            problems.append(
                Problem(
                    "results_table",
                    _("Indicator “%(indicator)s” belongs to no output.", indicator=name),
                    field=f"indicator-{indicator.id}",
                )
            )
    return problems


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def check_note(note: ConceptNote, budget: Budget) -> list[Problem]:
    """Every broken rule and warning, except the page limit (which needs the rendered PDF)."""
    problems = _cover_problems(note)
    problems += check_sdg_targets(note)
    problems += check_whole_of_government_and_society(note)
    problems += check_principle_applications(note, queries.principle_titles())
    problems += check_human_rights_marker(note)
    problems += check_gender_budget(note)
    problems += check_endorsements(note)
    problems += check_objectives_in_area(note, queries.area_objectives())
    for key in SECTION_KEYS:
        if not note.section_text(key).strip():
            problems.append(
                Problem(key, _("Section “%(section)s” is empty.", section=SECTION_TITLES[key]), field="body")
            )
    problems += _results_problems(note)
    if not note.risks:
        problems.append(Problem("risks_table", _("List at least one risk with its mitigation.")))
    if budget.is_empty:
        problems.append(Problem("budget_table", _("The budget is empty."), field="cn-budget"))
    problems += check_budget_by_outcome_and_year(budget, queries.budget_by_outcome(note, budget.rate, budget))
    return problems


def submission_problems(note: ConceptNote, budget: Budget, *, pages: int, limit: int, warning: int) -> list[Problem]:
    """Every rule a submission must meet, and the warnings beside them, including the rendered PDF's page count."""
    return check_note(note, budget) + page_problems(pages, limit=limit, warning=warning)


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
