"""The people list as a workbook: the rows the list shows with its search and filters, formula-safe."""

import io

from flask_babel import gettext as _
from openpyxl import Workbook

from portal.i18n import country_name
from portal.participants.documents import formula_safe
from portal.participants.models import Person


def people_xlsx(people: list[Person]) -> bytes:
    """A workbook of these people, one row each, as the list shows them; every text cell is formula-safe."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("People")[:31])
    sheet.append(
        [
            _("Reference"),
            _("Last name"),
            _("First name"),
            _("E-mail address"),
            _("Organisation"),
            _("Country"),
            _("Sector"),
        ]
    )
    for person in people:
        values = [
            person.ref,
            person.last_name,
            person.first_name,
            person.email or "",
            person.organisation_label,
            country_name(person.country),
            str(person.sector.label),
        ]
        sheet.append([formula_safe(value) for value in values])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
