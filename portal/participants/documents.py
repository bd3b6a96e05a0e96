"""Documents with participants' names: attendance certificates and participant lists (PDF, XLSX)."""

import base64
import io
import zipfile

import qrcode
from babel.lists import format_list
from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from qrcode.image.svg import SvgPathImage
from werkzeug.utils import secure_filename

from portal.db import utcnow
from portal.errors import DomainError
from portal.events.models import Event, EventMode
from portal.extensions import db
from portal.formatting import date_text
from portal.funding.queries import project_funding
from portal.i18n import KOSOVO, KOSOVO_FOOTNOTE, LANGUAGES, country_name, in_reader_language, mentions_kosovo
from portal.mail import external_url
from portal.organisation.queries import letterhead
from portal.participants import services
from portal.participants.models import Attendance
from portal.pdf import render_pdf
from portal.reference.rates import RateTable

#: certificates per PDF file: a training's certificates come in files of this many pages (rendering time, W6)
CERTIFICATES_PER_FILE = 100
#: rows a participant list PDF may have; longer lists are for the XLSX download (security.md W6, X4)
PDF_LIST_LIMIT = 500
#: events with more participants than this get their certificates and participant lists from a job (issue 14):
#: rendering them would outlast a web request; smaller events get them at once
LARGE_EVENT = 200
#: what a job may prepare for a large event: the job's kind, and what the audit log calls the download
JOB_DOCUMENTS = {
    "certificates": ("certificates", "certificates"),
    "participants_pdf": ("participant_list", "participant list"),
    "participants_xlsx": ("participant_list", "participant list"),
}

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


def verification_url(number: str) -> str:
    """The public page that confirms a certificate, at EXTERNAL_URL: what its QR code holds."""
    return external_url("certificates.verify", number=number)


def qr_code(text: str) -> str:
    """A QR code of the text as an SVG data: URL (vector: sharp at any print size, nothing fetched)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, image_factory=SvgPathImage)
    code.add_data(text)
    svg = code.make_image().to_string()
    return f"data:image/svg+xml;base64,{base64.b64encode(svg).decode('ascii')}"


def project_donors(event: Event) -> list[str]:
    """The donors of the event's project, by name: those of its contributions (none without a project)."""
    if event.project_id is None:
        return []
    # only the donors' names are read: no rates are needed, and the amounts left unconverted are not shown
    rates = RateTable(current_app.config["REPORTING_CURRENCY"])
    return [line.donor for line in project_funding(db.session, event.project_id, rates).by_donor]


def _credit(event: Event, donors: list[str], language: str, locale: str) -> str | None:
    if event.project is None:
        return None
    project = in_reader_language(event.project, "title", language)
    if not donors:
        return _("Organised within the project %(project)s.", project=project)
    return _(
        "Organised within the project %(project)s, funded by %(donors)s.",
        project=project,
        donors=format_list(donors, locale=locale),
    )


def certificate_pages(event: Event, attendances: list[Attendance], organiser: str | None) -> list[dict]:
    """One certificate per attendance, each written in its participant's language; attendances without a
    certificate number are given one (the caller commits)."""
    services.issue_certificate_numbers(attendances)
    organisation = letterhead(organiser)
    donors = project_donors(event)
    issued_on = utcnow().date()
    pages = []
    for attendance in attendances:
        person = attendance.person
        language = person.language if person.language in LANGUAGES else "en"
        with force_locale(language):
            locale = str(get_locale())
            url = verification_url(attendance.certificate_number)
            pages.append(
                {
                    "language": language,
                    "organisation": organisation,
                    "heading": _("Certificate of attendance"),
                    "certify": _("This is to certify that"),
                    "name": person.full_name,
                    "attended": _("attended the %(type)s", type=str(event.type.label).lower()),
                    "title": in_reader_language(event, "title", language),
                    "dates": event_dates(event),
                    "days": _("%(n)d days", n=event.days) if event.days > 1 else _("one day"),
                    "place": event_place(event, locale),
                    "role": attendance.role.label if attendance.role.value != "participant" else None,
                    "role_label": _("Role"),
                    "organiser": (
                        _("Organised by %(organiser)s", organiser=organisation.name) if organisation.name else None
                    ),
                    "partners": (
                        _(
                            "in partnership with %(partners)s",
                            partners=", ".join(p.display_name for p in event.partners),
                        )
                        if event.partners
                        else None
                    ),
                    "credit": _credit(event, donors, language, locale),
                    "issued": _("Issued on %(date)s", date=date_text(issued_on, "long")),
                    "number_label": _("Certificate number"),
                    "number": attendance.certificate_number,
                    "qr_code": qr_code(url),
                    "verify": _("Check this certificate at"),
                    "url": url,
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
    sheet.append([formula_safe(event.display_title)])
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


def is_large(participants: int) -> bool:
    """Are the documents of an event with this many participants made by a job rather than in the request?"""
    return participants > LARGE_EVENT


def event_document(event: Event, document: str, attendances: list[Attendance], *, organiser, progress=None):
    """A document of JOB_DOCUMENTS as (file name, content): every certificate (a zip of PDFs of
    CERTIFICATES_PER_FILE pages when there are more; numbers issued are flushed, the caller commits), or the
    participant list as PDF or XLSX. `progress(None, done, done)` hears how many pages are made."""
    if document == "certificates":
        return _certificates(event, attendances, organiser, progress)
    rows = participant_rows(attendances)
    if document == "participants_pdf":
        if len(rows) > PDF_LIST_LIMIT:
            raise DomainError(None, _("The list is too long for a PDF: download it as XLSX."))
        pdf = render_pdf("participant_list.html", **participant_list_context(event, rows))
        return f"participants-{event.ref}.pdf", pdf
    return f"participants-{event.ref}.xlsx", participant_list_xlsx(event, rows)


def _certificates(event: Event, attendances: list[Attendance], organiser, progress) -> tuple[str, bytes]:
    size = CERTIFICATES_PER_FILE
    files = []
    for start in range(0, len(attendances), size):
        chosen = attendances[start : start + size]
        files.append(render_pdf("certificate.html", pages=certificate_pages(event, chosen, organiser)))
        if progress is not None:
            progress(None, start + len(chosen), start + len(chosen))
    if len(files) == 1:
        return f"certificates-{event.ref}.pdf", files[0]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, pdf in enumerate(files, start=1):
            archive.writestr(secure_filename(f"certificates-{event.ref}-{number}.pdf"), pdf)
    return f"certificates-{event.ref}.zip", buffer.getvalue()
