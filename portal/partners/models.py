from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Country, TimestampMixin, VersionedMixin
from portal.extensions import db
from portal.i18n import lazy_gettext as _l
from portal.reference.models import DonorCategory


class PartnerType(StrEnum):
    GOVERNMENT = "government"
    EU_INSTITUTION = "eu_institution"
    UN_AGENCY = "un_agency"
    INTERNATIONAL_ORG = "international_org"
    CIVIL_SOCIETY = "civil_society"
    ACADEMIA = "academia"
    PRIVATE_SECTOR = "private_sector"
    OTHER = "other"

    @property
    def label(self):
        return PARTNER_TYPE_LABELS[self]


PARTNER_TYPE_LABELS = {
    PartnerType.GOVERNMENT: _l("Government"),
    PartnerType.EU_INSTITUTION: _l("EU institution"),
    PartnerType.UN_AGENCY: _l("UN agency"),
    PartnerType.INTERNATIONAL_ORG: _l("International organisation"),
    PartnerType.CIVIL_SOCIETY: _l("Civil society"),
    PartnerType.ACADEMIA: _l("Academia"),
    PartnerType.PRIVATE_SECTOR: _l("Private sector"),
    PartnerType.OTHER: _l("Other"),
}


class Partner(VersionedMixin, TimestampMixin, db.Model):
    """One register for donors, implementing partners, governments, UN agencies and civil society."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    acronym: Mapped[str | None] = mapped_column(sa.String(40))
    type: Mapped[PartnerType] = mapped_column(sa.Enum(PartnerType, native_enum=False, length=30))
    #: the category the partner's money counts for in "implementation by funding structure"
    donor_category_id: Mapped[int | None] = mapped_column(sa.ForeignKey("donor_categories.id"))
    country: Mapped[str | None] = Country()
    #: the organisation identifier in org-id.guide's form (XM-DAC-41301), its @ref in IATI files (partners.rules)
    iati_ref: Mapped[str | None] = mapped_column(sa.String(100), unique=True)

    donor_category: Mapped[DonorCategory | None] = relationship()
    #: what the partner gave as a donor (written through funding, read here)
    contributions = relationship("Contribution", viewonly=True)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
