"""The public page a certificate's QR code points to: it confirms the certificate, without signing in, for
participants who consented to be named; every other number gets one and the same answer."""

from flask import Blueprint, render_template

from portal.accounts.access import public
from portal.i18n import in_reader_language
from portal.participants import documents, queries

bp = Blueprint("certificates", __name__)

#: a person's name: kept by no cache and listed by no search engine
HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@bp.route("/certificates/<number>")
@public
def verify(number):
    attendance = queries.certified_attendance(number[:40])
    if attendance is None:
        return render_template("participants/certificate_unknown.html"), 404, HEADERS
    event = attendance.event
    page = render_template(
        "participants/certificate_verified.html",
        name=attendance.person.full_name,
        title=in_reader_language(event, "title"),
        type=event.type.label,
        dates=documents.event_dates(event),
        number=attendance.certificate_number,
    )
    return page, HEADERS
