"""Reading the concept-note reference lists (thematic areas, GCM objectives, UN organisations, ...) and the
choices the forms offer from them, in the reader's language. Admins change the lists through services.py."""

import sqlalchemy as sa

from portal.concept_notes.defaults import OFFICIAL_TRANSLATIONS, shipped_entries
from portal.concept_notes.models import ConceptNote, ReferenceItem, ReferenceKind
from portal.extensions import db
from portal.i18n import country_choices
from portal.reference.queries import missing_languages


def entries(kind: ReferenceKind, *, active_only: bool = True) -> list[ReferenceItem]:
    """Entries of one reference list in their order."""
    query = sa.select(ReferenceItem).where(ReferenceItem.kind == kind)
    if active_only:
        query = query.where(ReferenceItem.is_active.is_(True))
    return list(db.session.scalars(query.order_by(ReferenceItem.position, ReferenceItem.id)))


def every_list() -> list[tuple[ReferenceKind, list[ReferenceItem]]]:
    """Every reference list with all its entries, active or not, in one query: the admins' page of the lists."""
    query = sa.select(ReferenceItem).order_by(ReferenceItem.position, ReferenceItem.id)
    lists = {kind: [] for kind in ReferenceKind}
    for item in db.session.scalars(query):
        lists[item.kind].append(item)
    return list(lists.items())


def unconfirmed_languages(item: ReferenceItem) -> list[str]:
    """The languages in which an official title, as shipped and unchanged, is this project's translation rather than
    the UN's text; empty for lists without official texts and for texts an admin has changed."""
    official = OFFICIAL_TRANSLATIONS.get(item.kind)
    shipped = {entry["code"]: entry for entry in shipped_entries(item.kind)}.get(item.code)
    if official is None or shipped is None or (shipped["label"], shipped["title"]) != (item.label, item.title or ""):
        return []
    return [
        language
        for language, codes in official.items()
        if item.code not in codes
        and all(getattr(item, f"{field}_{language}") == shipped[f"{field}_{language}"] for field in ("label", "title"))
    ]


def untranslated_languages(item: ReferenceItem) -> list[str]:
    """The languages in which the entry's label or title is shown in English for want of a translation."""
    return missing_languages(item, ("label", "title"))


def lookup() -> dict:
    """kind -> {code: ReferenceItem}, every entry, including inactive ones (old notes may use them)."""
    found = {kind: {} for kind in ReferenceKind}
    query = sa.select(ReferenceItem).order_by(ReferenceItem.position, ReferenceItem.id)
    for item in db.session.scalars(query):
        found[item.kind][item.code] = item
    return found


def budget_categories() -> list[str]:
    """The codes of the budget categories a note's budget table has, in their order."""
    return [item.code for item in entries(ReferenceKind.BUDGET_CATEGORY)]


def cover_choices() -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs of the cover form's reference fields, by field name."""
    organisations = [(i.code, i.display_label) for i in entries(ReferenceKind.UN_ORGANISATION)]
    areas = [(i.code, f"{i.code}. {i.display_title or i.display_label}") for i in entries(ReferenceKind.THEMATIC_AREA)]
    return {
        "countries": country_choices(),
        "organisations": organisations,
        "lead_organisation": [("", "—"), *organisations],
        "thematic_area": [("", "—"), *areas],
        "gcm_objectives": [(i.code, f"{i.code}. {i.display_label}") for i in entries(ReferenceKind.GCM_OBJECTIVE)],
        "guiding_principles": [(i.code, i.display_label) for i in entries(ReferenceKind.GUIDING_PRINCIPLE)],
    }


def marker_levels() -> dict[str, str]:
    """Marker level ("0" to "3") -> what it means."""
    return {i.code: i.display_label for i in entries(ReferenceKind.MARKER_LEVEL)}


def organisations_of(note: ConceptNote) -> list[tuple[str, str]]:
    """(code, label) of the note's participating organisations, also those no longer offered on new notes."""
    organisations = lookup()[ReferenceKind.UN_ORGANISATION]
    return [(code, organisations[code].display_label if code in organisations else code) for code in note.organisations]
