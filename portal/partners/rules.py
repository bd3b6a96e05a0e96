"""Rules of partners as plain checks, for the services, the workbook import and the IATI export alike."""

import re
from collections.abc import Container

from portal.i18n import lazy_gettext as _l
from portal.rules import Problem

#: org-id.guide's form: a registration agency's prefix (XM-DAC, GB-CHC, ...) and the identifier it gave, e.g.
#: XM-DAC-41301; IATI forbids / & | ? and spaces in identifiers
ORGANISATION_IDENTIFIER = re.compile(r"[A-Z0-9]{2,}-[^\s/&|?]+")


def iati_ref_problems(iati_ref: str | None, taken: Container[str] = ()) -> list[Problem]:
    """An organisation identifier has org-id.guide's form (prefix, hyphen, identifier) and names one partner only.
    `taken` holds the identifiers of every other partner."""
    if not iati_ref:
        return []
    if not ORGANISATION_IDENTIFIER.fullmatch(iati_ref):
        return [
            (
                "iati_ref",
                _l(
                    "%(value)s is not an organisation identifier: a prefix of capital letters or digits, a hyphen, "
                    "then the identifier, without spaces, /, &, | or ? (for example XM-DAC-41301).",
                    value=iati_ref,
                ),
            )
        ]
    if iati_ref in taken:
        return [("iati_ref", _l("Another partner already has the organisation identifier %(value)s.", value=iati_ref))]
    return []
