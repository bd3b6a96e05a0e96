"""Records as the API's JSON: dates in ISO 8601, money as strings with two decimals, no personal data."""

from datetime import date
from decimal import Decimal

from flask import url_for
from sqlalchemy.orm import selectinload

from portal.dialogues.models import Dialogue
from portal.events.models import Event
from portal.partners.models import Partner
from portal.projects.models import Project
from portal.reference.rates import round_money

#: what a project, partner, dialogue or event of a list shows besides its own columns: loaded with the list
PROJECT_LOADS = (selectinload(Project.region), selectinload(Project.country_rows), selectinload(Project.dialogue))
PARTNER_LOADS = (selectinload(Partner.donor_category),)
DIALOGUE_LOADS = (selectinload(Dialogue.region), selectinload(Dialogue.secretariat), selectinload(Dialogue.member_rows))
EVENT_LOADS = (selectinload(Event.project), selectinload(Event.dialogue))


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal) -> str:
    return f"{round_money(value):.2f}"


def _ref(obj, *fields):
    if obj is None:
        return None
    return {"id": obj.id, **{name: getattr(obj, name) for name in fields}}


def project(obj, *, detail: bool = False) -> dict:
    data = {
        "id": obj.id,
        "code": obj.code,
        "acronym": obj.acronym,
        "title": obj.title,
        "status": obj.status.value,
        "region": _ref(obj.region, "code", "name"),
        "start_date": _date(obj.start_date),
        "end_date": _date(obj.end_date),
        "currency": obj.currency,
        "countries": obj.countries,
        "dialogue": _ref(obj.dialogue, "code", "name"),
        "url": url_for("api.project", project_id=obj.id),
    }
    if detail:
        data |= {
            "description": obj.description,
            "duty_station": _ref(obj.duty_station, "ref", "city", "country"),
            "thematic_areas": [{"code": area.code, "name": area.name} for area in obj.thematic_areas],
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
        }
    return data


def partner(obj) -> dict:
    return {
        "id": obj.id,
        "ref": obj.ref,
        "name": obj.name,
        "acronym": obj.acronym,
        "type": obj.type.value,
        "donor_category": _ref(obj.donor_category, "code", "name"),
        "country": obj.country,
        "iati_ref": obj.iati_ref,
        "url": url_for("api.partner", partner_id=obj.id),
    }


def dialogue(obj, *, detail: bool = False) -> dict:
    data = {
        "id": obj.id,
        "code": obj.code,
        "name": obj.name,
        "acronym": obj.acronym,
        "region": _ref(obj.region, "code", "name"),
        "secretariat": _ref(obj.secretariat, "ref", "name"),
        "started_on": _date(obj.started_on),
        "members": obj.members,
        "url": url_for("api.dialogue", dialogue_id=obj.id),
    }
    if detail:
        data |= {
            "description": obj.description,
            "chairmanships": [
                {"country": c.country, "start_date": _date(c.start_date), "end_date": _date(c.end_date)}
                for c in obj.chairmanships
            ],
            "projects": [_ref(p, "code", "title") for p in obj.projects],
        }
    return data


def event(obj, participants: int, *, detail: bool = False) -> dict:
    """An event with its head counts only: never who attended."""
    data = {
        "id": obj.id,
        "ref": obj.ref,
        "title": obj.title,
        "type": obj.type.value,
        "mode": obj.mode.value,
        "start_date": _date(obj.start_date),
        "end_date": _date(obj.end_date),
        "days": obj.days,
        "city": obj.city,
        "country": obj.country,
        "project": _ref(obj.project, "code", "title"),
        "dialogue": _ref(obj.dialogue, "code", "name"),
        "in_person_count": obj.in_person_count,
        "online_count": obj.online_count,
        "participants": participants,
        "url": url_for("api.event", event_id=obj.id),
    }
    if detail:
        data |= {
            "description": obj.description,
            "partners": [_ref(p, "ref", "name") for p in obj.partners],
        }
    return data
