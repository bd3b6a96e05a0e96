"""Records as the API's JSON: dates in ISO 8601, money as strings with two decimals, no personal data."""

from datetime import date
from decimal import Decimal

from flask import url_for
from sqlalchemy.orm import selectinload

from portal.dialogues.models import ActionPlan, Dialogue
from portal.events.models import Event
from portal.i18n import LANGUAGES
from portal.partners.models import Partner
from portal.projects.models import Project, ProjectIndicator, ProjectOutput, ProjectPartner
from portal.reference.rates import round_money

#: what a project, partner, dialogue or event of a list shows besides its own columns: loaded with the list
PROJECT_LOADS = (selectinload(Project.region), selectinload(Project.country_rows), selectinload(Project.dialogues))
PARTNER_LOADS = (selectinload(Partner.donor_category),)
DIALOGUE_LOADS = (selectinload(Dialogue.region), selectinload(Dialogue.secretariat), selectinload(Dialogue.member_rows))
EVENT_LOADS = (selectinload(Event.project), selectinload(Event.dialogue))
PLAN_LOADS = (selectinload(ActionPlan.dialogues),)
#: what a project's detail shows of its implementers and results framework: loaded with the project
PROJECT_DETAIL_LOADS = (
    selectinload(Project.implementers).selectinload(ProjectPartner.partner),
    selectinload(Project.outputs).selectinload(ProjectOutput.indicators).selectinload(ProjectIndicator.results),
)


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal) -> str:
    return f"{round_money(value):.2f}"


def _ref(obj, *fields, **renamed):
    """The record's id and `fields`; `renamed` gives a key from another attribute (name="display_name")."""
    if obj is None:
        return None
    return {
        "id": obj.id,
        **{name: getattr(obj, name) for name in fields},
        **{k: getattr(obj, a) for k, a in renamed.items()},
    }


def _in_every_language(obj, field: str) -> dict:
    """`<field>_en`, `<field>_fr` and `<field>_ru`: the text as written in each language, None where it is not."""
    return {
        f"{field}_{language}": getattr(obj, field if language == "en" else f"{field}_{language}") or None
        for language in LANGUAGES
    }


def _ref_in_languages(obj, field: str, *fields) -> dict | None:
    """A reference record's id and `fields`, its text `field` in the reader's language and `<field>_en/_fr/_ru`."""
    if obj is None:
        return None
    return _ref(obj, *fields, **{field: f"display_{field}"}) | _in_every_language(obj, field)


def project(obj, *, detail: bool = False) -> dict:
    data = {
        "id": obj.id,
        "code": obj.code,
        "acronym": obj.acronym,
        "title": obj.display_title,
        **_in_every_language(obj, "title"),
        "status": obj.status.value,
        "region": _ref_in_languages(obj.region, "name", "code"),
        "start_date": _date(obj.start_date),
        "end_date": _date(obj.end_date),
        "currency": obj.currency,
        "countries": obj.countries,
        "dialogues": [_ref(d, "code", name="display_name") for d in obj.dialogues],
        "url": url_for("api.project", project_id=obj.id),
    }
    if detail:
        data |= {
            "description": obj.display_description or None,
            **_in_every_language(obj, "description"),
            "duty_station": _ref_in_languages(obj.duty_station, "city", "ref", "country"),
            "thematic_areas": [
                {"code": area.code, "name": area.display_name} | _in_every_language(area, "name")
                for area in obj.thematic_areas
            ],
            "contributions": [
                {
                    "ref": c.ref,
                    "donor": _ref(c.donor, "ref", "name"),
                    "amount": _money(c.amount),
                    "currency": c.currency,
                    "signed_on": _date(c.signed_on),
                }
                for c in obj.contributions
            ],
            "expenditures": [
                {"year": e.year, "amount": _money(e.amount), "currency": e.currency} for e in obj.expenditures
            ],
            "implementers": [
                {"partner": _ref(i.partner, "ref", "name", "acronym", "iati_ref"), "role": i.role.value}
                for i in obj.implementers
            ],
            "deliverables": [
                {
                    "ref": d.ref,
                    "title": d.display_title,
                    **_in_every_language(d, "title"),
                    "due_on": _date(d.due_on),
                    "status": d.status.value,
                    "delivered_on": _date(d.delivered_on),
                    "is_late": d.is_late,
                }
                for d in obj.deliverables
            ],
            "gcm_objectives": obj.gcm_objectives,
            "results": [_output(output) for output in obj.outputs],
        }
    return data


def _measure(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _output(output) -> dict:
    """A project output with its indicators, their baseline, target, progress and actual value per year."""
    return {
        "ref": output.ref,
        "number": output.number,
        "title": output.display_title,
        **_in_every_language(output, "title"),
        "indicators": [
            {
                "ref": indicator.ref,
                "number": indicator.number,
                "text": indicator.display_text,
                **_in_every_language(indicator, "text"),
                "unit": indicator.unit,
                "baseline": _measure(indicator.baseline),
                "target": _measure(indicator.target),
                "progress_percent": _measure(indicator.progress),
                "actuals": [
                    {"year": result.year, "value": _measure(result.actual), "comment": result.comment}
                    for result in indicator.results
                ],
            }
            for indicator in output.indicators
        ],
    }


def partner(obj) -> dict:
    return {
        "id": obj.id,
        "ref": obj.ref,
        "name": obj.name,
        "acronym": obj.acronym,
        "type": obj.type.value,
        "donor_category": _ref_in_languages(obj.donor_category, "name", "code"),
        "country": obj.country,
        "iati_ref": obj.iati_ref,
        "url": url_for("api.partner", partner_id=obj.id),
    }


def dialogue(obj, *, detail: bool = False) -> dict:
    data = {
        "id": obj.id,
        "code": obj.code,
        "name": obj.display_name,
        **_in_every_language(obj, "name"),
        "acronym": obj.acronym,
        "region": _ref_in_languages(obj.region, "name", "code"),
        "secretariat": _ref(obj.secretariat, "ref", "name"),
        "started_on": _date(obj.started_on),
        "members": obj.members,
        "url": url_for("api.dialogue", dialogue_id=obj.id),
    }
    if detail:
        data |= {
            "description": obj.display_description or None,
            **_in_every_language(obj, "description"),
            "chairmanships": [
                {"country": c.country, "start_date": _date(c.start_date), "end_date": _date(c.end_date)}
                for c in obj.chairmanships
            ],
            "memberships": [
                {"status": row.status.value, **_state_or_organisation(row)}
                for row in sorted(obj.member_rows, key=lambda row: row.sort_key)
            ],
            "groups": [
                {
                    "kind": group.kind.value,
                    "name": group.display_name,
                    **_in_every_language(group, "name"),
                    "members": [
                        {"role": row.role.value, **_state_or_organisation(row)}
                        for row in sorted(group.member_rows, key=lambda row: row.sort_key)
                    ],
                }
                for group in obj.groups
            ],
            "projects": [_ref(p, "code", title="display_title") for p in obj.projects],
            "action_plans": [_plan_ref(plan) for plan in obj.plans],
        }
    return data


def _state_or_organisation(row) -> dict:
    """A dialogue's or a group's member: a state's country code, or an organisation of the partner register."""
    return {"country": row.country, "partner": _ref(row.partner, "ref", "name")}


def _plan_ref(plan) -> dict:
    return {
        "id": plan.id,
        "ref": plan.ref,
        "title": plan.display_title,
        **_in_every_language(plan, "title"),
        "valid_from": _date(plan.valid_from),
        "valid_until": _date(plan.valid_until),
        "url": url_for("api.action_plan", plan_id=plan.id),
    }


def _tally(tally) -> dict:
    return {
        "count": tally.count,
        "money": {currency: _money(amount) for currency, amount in sorted(tally.money.items())},
    }


def _figure_rows(rows, key) -> list[dict]:
    return [
        {**key(row.key), "initiatives": _tally(row.initiatives), "portal_projects": _tally(row.projects)}
        for row in rows
    ]


def plan_item(plan) -> dict:
    """An action plan of the list, with the dialogues that share it."""
    return _plan_ref(plan) | {"dialogues": [_ref(d, "code", name="display_name") for d in plan.dialogues]}


def action_plan(plan, figures) -> dict:
    """An action plan with its domains and priorities, and the figures of its initiative register."""
    return plan_item(plan) | {
        "domains": [
            {
                "id": domain.id,
                "ref": domain.ref,
                "position": domain.position,
                "title": domain.title,
                "priorities": [
                    {"id": p.id, "ref": p.ref, "code": p.code, "title": p.title, "champion": p.champion}
                    for p in domain.priorities
                ],
            }
            for domain in plan.domains
        ],
        "figures": {
            "domains": _figure_rows(figures.domains, lambda domain: {"domain": domain.id}),
            "priorities": _figure_rows(figures.priorities, lambda priority: {"priority": priority.id}),
            "countries": _figure_rows(figures.countries, lambda country: {"country": country}),
            "cycles": [
                {
                    "cycle": row.key.id,
                    "name": row.key.name,
                    "is_open": row.key.is_open,
                    "initiatives": _tally(row.initiatives),
                }
                for row in figures.cycles
            ],
        },
        "initiatives_url": url_for("api.initiatives", plan_id=plan.id),
    }


def initiative(obj) -> dict:
    """An initiative of a plan's register with its review state (only validated ones count in the figures)."""
    return {
        "id": obj.id,
        "ref": obj.ref,
        "title": obj.title,
        "actor": _ref(obj.actor, "ref", name="display_name"),
        "cycle": {"id": obj.cycle.id, "ref": obj.cycle.ref, "name": obj.cycle.name},
        "priorities": [p.id for p in obj.priorities],
        "countries": obj.countries,
        "budget": _money(obj.budget) if obj.budget is not None else None,
        "currency": obj.currency,
        "start_date": _date(obj.start_date),
        "end_date": _date(obj.end_date),
        "status": obj.status.value,
        "source": obj.source,
        "review": obj.review.value,
        "return_reason": obj.return_reason,
    }


def event(obj, participants: int, *, detail: bool = False) -> dict:
    """An event with its head counts only: never who attended."""
    data = {
        "id": obj.id,
        "ref": obj.ref,
        "title": obj.display_title,
        **_in_every_language(obj, "title"),
        "type": obj.type.value,
        "mode": obj.mode.value,
        "start_date": _date(obj.start_date),
        "end_date": _date(obj.end_date),
        "days": obj.days,
        "city": obj.city,
        "country": obj.country,
        "project": _ref(obj.project, "code", title="display_title"),
        "dialogue": _ref(obj.dialogue, "code", name="display_name"),
        "in_person_count": obj.in_person_count,
        "online_count": obj.online_count,
        "participants": participants,
        "url": url_for("api.event", event_id=obj.id),
    }
    if detail:
        data |= {
            "description": obj.display_description or None,
            **_in_every_language(obj, "description"),
            "partners": [_ref(p, "ref", "name") for p in obj.partners],
        }
    return data


def organisation_facts(years, states) -> dict:
    """The organisation's facts of each year (OrganisationFacts by year) and its member states."""
    return {
        "years": [
            {
                "year": year,
                "employees": facts.employees,
                "nationalities": facts.nationalities,
                "member_states": facts.member_states,
            }
            for year, facts in years
        ],
        "member_states": [
            {"country": state.country, "joined_year": state.joined_year, "left_year": state.left_year}
            for state in states
        ],
    }
