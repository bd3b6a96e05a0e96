"""Documents with participants' names: attendance certificates and participant lists (PDF, XLSX)."""

import io

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from openpyxl import Workbook

from portal.events.models import Event, EventMode
from portal.formatting import date_text
from portal.i18n import KOSOVO, KOSOVO_FOOTNOTE, LANGUAGES, country_name, mentions_kosovo
from portal.participants.models import Attendance

#: certificates per PDF file: a training's certificates come in files of this many pages (rendering time, W6)
CERTIFICATES_PER_FILE = 100
#: rows a participant list PDF may have; longer lists are for the XLSX download (security.md W6, X4)
PDF_LIST_LIMIT = 500

#: a spreadsheet reads a text cell starting with one of these as a formula (security.md S13)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def formula_safe(value):
    """Text that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def event_dates(event: Event) -> str:
    """The event's dates written in full for the current locale: "12 November 2026 – 13 November 2026"."""
    first = date_text(event.start_date, "long")
    if event.start_date == event.end_date:
        return first
    return f"{first} – {date_text(event.end_date, 'long')}"


def event_place(event: Event, locale) -> str:
    if event.mode == EventMode.ONLINE:
        return _("Online")
    place = ", ".join(part for part in (event.city, country_name(event.country, locale)) if part)
    return f"{place} {_('and online')}" if event.mode == EventMode.HYBRID else place


def certificate_pages(event: Event, attendances: list[Attendance], organiser: str | None) -> list[dict]:
    """One certificate per attendance, each written in its participant's language."""
    pages = []
    for attendance in attendances:
        person = attendance.person
        language = person.language if person.language in LANGUAGES else "en"
        with force_locale(language):
            locale = str(get_locale())
            pages.append(
                {
                    "language": language,
                    "heading": _("Certificate of attendance"),
                    "certify": _("This is to certify that"),
                    "name": person.full_name,
                    "attended": _("attended the %(type)s", type=str(event.type.label).lower()),
                    "title": event.title,
                    "dates": event_dates(event),
                    "days": _("%(n)d days", n=event.days) if event.days > 1 else _("one day"),
                    "place": event_place(event, locale),
                    "role": attendance.role.label if attendance.role.value != "participant" else None,
                    "role_label": _("Role"),
                    "organiser": _("Organised by %(organiser)s", organiser=organiser) if organiser else None,
                    "partners": (
                        _(
                            "in partnership with %(partners)s",
                            partners=", ".join(p.display_name for p in event.partners),
                        )
                        if event.partners
                        else None
                    ),
                    "kosovo_footnote": str(KOSOVO_FOOTNOTE) if event.country == KOSOVO else None,
                }
            )
    return pages


PARTICIPANT_COLUMNS = (
    "last_name",
    "first_name",
    "email",
    "organisation",
    "country",
    "sector",
    "gender",
    "role",
    "mode",
    "attended",
)


def participant_rows(attendances: list[Attendance]) -> list[dict]:
    """The rows of an event's participant list, by last name."""
    rows = []
    for a in sorted(attendances, key=lambda a: (a.person.last_name.casefold(), a.person.first_name.casefold())):
        person = a.person
        rows.append(
            {
                "last_name": person.last_name,
                "first_name": person.first_name,
                "email": person.email or "",
                "organisation": person.organisation_label,
                "country": person.country or "",
                "country_name": country_name(person.country),
                "sector": person.sector.label,
                "gender": person.gender.label,
                "role": a.role.label,
                "mode": a.mode.label if a.mode else "",
                "attended": a.attended,
            }
        )
    return rows


def participant_list_context(event: Event, rows: list[dict]) -> dict:
    """What the participant list PDF shows, in the reader's language."""
    return {
        "event": event,
        "rows": rows,
        "kosovo": mentions_kosovo([event.country, *(row["country"] for row in rows)]),
        "dates": event_dates(event),
        "place": event_place(event, str(get_locale() or "en")),
    }


def participant_list_xlsx(event: Event, rows: list[dict]) -> bytes:
    """The participant list as a workbook; every text cell is formula-safe."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants")[:31])
    headers = [
        _("Last name"),
        _("First name"),
        _("E-mail address"),
        _("Organisation"),
        _("Country"),
        _("Sector"),
        _("Gender"),
        _("Role"),
        _("Mode"),
        _("Attended"),
    ]
    sheet.append([formula_safe(event.title)])
    sheet.append([])
    sheet.append(headers)
    for row in rows:
        values = [
            row["last_name"],
            row["first_name"],
            row["email"],
            row["organisation"],
            row["country_name"],
            str(row["sector"]),
            str(row["gender"]),
            str(row["role"]),
            str(row["mode"]),
            _("yes") if row["attended"] else _("no"),
        ]
        sheet.append([formula_safe(value) for value in values])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
