import secrets

import sqlalchemy as sa

from portal.dialogues.models import Dialogue
from portal.events.models import Event, EventMode, EventType
from portal.events.rules import head_count_problems, place_problems
from portal.extensions import db
from portal.partners.models import Partner
from portal.projects.models import Project
from portal.rules import enforce, period_problems

#: an event's title and description in French and Russian
TRANSLATIONS = ("title_fr", "title_ru", "description_fr", "description_ru")


def new_event_ref() -> str:
    return f"EV-{secrets.token_hex(5).upper()}"


def _apply(event: Event, data) -> None:
    enforce(
        period_problems(data["start_date"], data["end_date"])
        + place_problems(data["mode"], data.get("city"), data.get("country"))
        + head_count_problems(data)
    )
    online = EventMode(data["mode"]) == EventMode.ONLINE
    event.title = data["title"].strip()
    event.type = EventType(data["type"])
    event.start_date, event.end_date = data["start_date"], data["end_date"]
    event.mode = EventMode(data["mode"])
    event.city = None if online else " ".join((data.get("city") or "").split()) or None
    event.country = None if online else (data.get("country") or None)
    event.project = db.session.get(Project, data["project_id"]) if data.get("project_id") else None
    event.dialogue = db.session.get(Dialogue, data["dialogue_id"]) if data.get("dialogue_id") else None
    ids = list(data.get("partner_ids") or [])
    event.partners = list(db.session.scalars(sa.select(Partner).where(Partner.id.in_(ids)))) if ids else []
    event.in_person_count = data.get("in_person_count")
    event.online_count = data.get("online_count")
    event.description = (data.get("description") or "").strip() or None
    for field in TRANSLATIONS:
        setattr(event, field, (data.get(field) or "").strip() or None)


def create_event(data) -> Event:
    """Create an event from the form's data."""
    event = Event(ref=new_event_ref())
    _apply(event, data)
    db.session.add(event)
    db.session.flush()
    return event


def update_event(event: Event, data) -> Event:
    """Change an event from the form's data; attendance is untouched."""
    _apply(event, data)
    db.session.flush()
    return event


def clone_data(source: Event) -> dict:
    """What a copy of `source` starts from: everything but the dates, place and attendance."""
    return {
        "title": source.title,
        "type": source.type.value,
        "mode": source.mode.value,
        "country": source.country,
        "project_id": source.project_id,
        "dialogue_id": source.dialogue_id,
        "partner_ids": [partner.id for partner in source.partners],
        "description": source.description,
        **{field: getattr(source, field) for field in TRANSLATIONS},
    }
