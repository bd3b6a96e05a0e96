"""Concept notes for tests: a complete note that meets every submission rule, and parts of it."""

from datetime import date
from decimal import Decimal

from portal.concept_notes import queries, services
from portal.concept_notes.models import Indicator, Level, Outcome, Output, Risk, Scope
from portal.concept_notes.sections import SECTION_KEYS
from portal.extensions import db

PARAGRAPH = (
    "Migration in the Western Balkans has changed over the past decade, from transit flows to a mix of "
    "labour mobility, return and irregular movements. Ministries lack comparable data, and the "
    "coordination between labour, interior and statistics offices is weak. "
)


def note(
    owner,
    *,
    words_per_section=60,
    complete=True,
    title="Evidence-based migration policy in the Western Balkans",
    **cover,
):
    """A note owned by `owner`; complete=True fills every rule-bound field (flushes, does not commit)."""
    services.ensure_reference_data()
    made = services.create_note(actor=owner, title=title, language=cover.pop("language", "en"))
    if not complete:
        return made
    data = {
        "scope": Scope.REGIONAL,
        "countries": ["MK", "RS", "XK"],
        "organisations": ["IOM", "UNHCR"],
        "lead_organisation": "IOM",
        "partners": [
            {"name": "Ministry of Interior", "kind": "national_government"},
            {"name": "State Statistical Office", "kind": "national_government"},
            {"name": "Roma Education Centre", "kind": "civil_society"},
        ],
        "thematic_area": "1",
        "gcm_objectives": ["1", "17", "23"],
        "sdg_targets": ["10.7", "17.18"],
        "guiding_principles": ["people-centred"],
        "principle_applications": {"people-centred": "Migrants are interviewed for the baseline."},
        "duration_months": 24,
        "planned_start_on": date(2027, 3, 1),
        "gender_marker": 2,
        "gender_justification": "Sex-disaggregated data throughout.",
        "human_rights_marker": 1,
        "human_rights_justification": "Rights-based data protection.",
        "child_marker": 1,
        "child_justification": "Unaccompanied children in the data.",
        "gender_budget_percent": Decimal("30"),
        "government_endorsements": [
            {"country": "MK", "by": "Minister of Interior", "on": date(2027, 1, 15)},
            {"country": "RS", "by": "Commissariat for Refugees and Migration", "on": date(2027, 1, 20)},
        ],
        "rc_endorsed_by": "Resident Coordinator, North Macedonia",
        "rc_endorsed_on": date(2027, 1, 22),
        "contact_name": "Ana Petrova",
        "contact_organisation": "IOM Skopje",
        "contact_email": "ana@example.org",
    }
    data.update(cover)
    services.update_cover(made, data)
    words = PARAGRAPH.split()
    for key in SECTION_KEYS:
        text = " ".join(words[i % len(words)] for i in range(words_per_section))
        services.save_section(made, key, text, opened=queries.section_version(made, key))
    outcome = services.save_result(made, Outcome(), {"statement": "Policies use reliable migration data."})
    output = services.save_result(
        made, Output(), {"outcome_id": outcome.id, "statement": "A regional data hub is running."}
    )
    services.save_result(
        made,
        Indicator(),
        {
            "output_id": output.id,
            "description": "Number of officials trained",
            "baseline": "0",
            "target": "120",
            "means_of_verification": "Training records",
            "responsible_organisation": "IOM",
            "disaggregation": ["sex", "age"],
        },
    )
    services.save_risk(
        made,
        Risk(),
        {
            "description": "Staff turnover in ministries",
            "likelihood": Level.MEDIUM,
            "impact": Level.HIGH,
            "mitigation": "Train pairs of officials.",
        },
    )
    services.save_budget(
        made,
        {("IOM", "1"): Decimal("120000.00"), ("IOM", "5"): Decimal("18500.55"), ("UNHCR", "4"): Decimal("64000.10")},
        {(outcome.id, 1): Decimal("101250.33"), (outcome.id, 2): Decimal("101250.32")},
    )
    db.session.flush()
    return made
