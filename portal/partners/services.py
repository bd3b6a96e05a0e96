import sqlalchemy as sa

from portal.errors import DomainError
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner, PartnerType
from portal.partners.rules import iati_ref_problems
from portal.reference.services import suggest_ref
from portal.rules import enforce

REF_PREFIX = "P-"


def suggest_partner_ref() -> str:
    """The reference a new partner gets when none is typed."""
    return suggest_ref(Partner.ref, REF_PREFIX)


def _apply(partner: Partner, values: dict) -> None:
    ref = values.get("ref") or partner.ref or suggest_partner_ref()
    clash = sa.select(Partner.id).where(Partner.ref == ref)
    if partner.id is not None:
        clash = clash.where(Partner.id != partner.id)
    if db.session.scalar(clash) is not None:
        raise DomainError("ref", _l("Another partner already has the reference %(ref)s.", ref=ref))
    iati_ref = values.get("iati_ref") or None
    others = sa.select(Partner.iati_ref).where(Partner.iati_ref == iati_ref)
    if partner.id is not None:
        others = others.where(Partner.id != partner.id)
    enforce(iati_ref_problems(iati_ref, set(db.session.scalars(others)) if iati_ref else ()))
    partner.ref = ref
    partner.iati_ref = iati_ref
    partner.name = values["name"]
    partner.acronym = values.get("acronym") or None
    partner.type = PartnerType(values["type"])
    partner.donor_category_id = values.get("donor_category_id")
    partner.country = values.get("country") or None


def create_partner(values: dict) -> Partner:
    """Register a partner; an empty reference gets the next P-0001 style number."""
    partner = Partner()
    _apply(partner, values)
    db.session.add(partner)
    db.session.flush()
    return partner


def update_partner(partner: Partner, values: dict) -> Partner:
    """Change a partner; its reference and organisation identifier stay unique."""
    _apply(partner, values)
    db.session.flush()
    return partner
