"""What each key figure and breakdown is called for readers (lazy: translated when shown)."""

from portal.funding.models import RevenueType
from portal.i18n import lazy_gettext as _l
from portal.participants.models import Gender, Sector
from portal.reports.queries import NOT_RECORDED, UNATTRIBUTED

FIGURES = {
    "projects": _l("Projects"),
    "countries": _l("Countries"),
    "contracted_volume": _l("Contracted project volume"),
    "duty_stations": _l("Duty stations"),
    "conferences": _l("Conferences"),
    "trainings_meetings_workshops": _l("Trainings, meetings and workshops"),
    "event_days": _l("Event days"),
    "locations": _l("Locations"),
    "participants": _l("Participants"),
    "unique_participants": _l("Unique participants"),
    "partners": _l("Partners"),
    "employees": _l("Employees"),
    "nationalities": _l("Nationalities"),
    "member_states": _l("Member states"),
    "participants_by_gender": _l("Participants by gender"),
    "participants_by_sector": _l("Participants by sector"),
    "revenue": _l("Revenue"),
    "implementation_by_region": _l("Implementation by region"),
    "implementation_by_funding": _l("Implementation by funding structure"),
    "implementation_by_year": _l("Consolidated implementation by year"),
    "amount": _l("Amount"),
    "percent": _l("Share (%)"),
    "year": _l("Year"),
    "currency": _l("Currency"),
}

REVENUE = {
    RevenueType.MEMBERSHIP.value: RevenueType.MEMBERSHIP.label,
    RevenueType.OPERATIONAL.value: _l("Contributions for operational activities"),
    "project": _l("Project resources"),
    RevenueType.OTHER.value: _l("Other"),
    "total": _l("Total revenue"),
}

NOT_RECORDED_LABEL = _l("Not recorded")
UNATTRIBUTED_LABEL = _l("Unattributed")


def count_label(enum, code: str):
    """The reader's name of a gender or sector code, or of not_recorded."""
    return NOT_RECORDED_LABEL if code == NOT_RECORDED else enum(code).label


def gender_label(code: str):
    return count_label(Gender, code)


def sector_label(code: str):
    return count_label(Sector, code)


def share_label(share) -> str:
    """A region's or donor category's name; unattributed money has none of its own."""
    return UNATTRIBUTED_LABEL if share.code == UNATTRIBUTED else share.name


def path_label(path: tuple[str, ...], names: dict[str, str]) -> str:
    """A readable name for a value's place in the document, e.g. Revenue · Total revenue."""
    parts = []
    for i, key in enumerate(path):
        if i and path[0] == "revenue":
            parts.append(str(REVENUE.get(key, key)))
        elif i and path[0] == "participants_by_gender" and key != NOT_RECORDED:
            parts.append(str(gender_label(key)))
        elif i and path[0] == "participants_by_sector" and key != NOT_RECORDED:
            parts.append(str(sector_label(key)))
        elif i == 1 and path[0] in ("implementation_by_region", "implementation_by_funding") and key != UNATTRIBUTED:
            parts.append(names.get(key, key))
        elif key == NOT_RECORDED:
            parts.append(str(NOT_RECORDED_LABEL))
        elif key == UNATTRIBUTED:
            parts.append(str(UNATTRIBUTED_LABEL))
        elif key in FIGURES:
            parts.append(str(FIGURES[key]))
        else:
            parts.append(names.get(key, key))
    return " · ".join(parts)
