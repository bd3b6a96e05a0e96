from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Country, Currency, VersionedMixin
from portal.extensions import db
from portal.i18n import in_reader_language


def translation(length: int) -> Mapped[str | None]:
    """A French or Russian version of a name; None when not written (the English is shown instead)."""
    return mapped_column(sa.String(length))


class NamedInLanguages:
    """A name in English (`name`, required) with optional French and Russian versions."""

    name: Mapped[str] = mapped_column(sa.String(200))
    name_fr: Mapped[str | None] = translation(200)
    name_ru: Mapped[str | None] = translation(200)

    @property
    def display_name(self) -> str:
        return in_reader_language(self, "name")


class Region(NamedInLanguages, VersionedMixin, db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)


#: DAC 5-digit purpose code "Facilitation of orderly, safe, regular and responsible migration and mobility"
MIGRATION_SECTOR = "15190"


class ThematicArea(NamedInLanguages, VersionedMixin, db.Model):
    __tablename__ = "thematic_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    #: the DAC 5-digit sectors (IATI vocabulary 1) the area's work counts for, separated by spaces: a project's IATI
    #: sectors are those of its areas (reference.rules.dac_sector_problems checks them against the codelist)
    dac_sectors: Mapped[str] = mapped_column(sa.String(120), default=MIGRATION_SECTOR, server_default=MIGRATION_SECTOR)

    @property
    def sector_codes(self) -> list[str]:
        return self.dac_sectors.split()


class DonorCategory(NamedInLanguages, VersionedMixin, db.Model):
    __tablename__ = "donor_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)


class ExchangeRate(VersionedMixin, db.Model):
    """Units of the reporting currency for one unit of `currency`, annual average for `year`."""

    __tablename__ = "exchange_rates"
    __table_args__ = (sa.UniqueConstraint("currency", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = Currency()
    year: Mapped[int]
    rate: Mapped[Decimal] = mapped_column(sa.Numeric(18, 8))


class DutyStation(VersionedMixin, db.Model):
    __tablename__ = "duty_stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(40), unique=True)
    city: Mapped[str] = mapped_column(sa.String(120))
    city_fr: Mapped[str | None] = translation(120)
    city_ru: Mapped[str | None] = translation(120)
    country: Mapped[str] = Country(nullable=False)
    opened_on: Mapped[date | None]
    closed_on: Mapped[date | None]

    @property
    def display_city(self) -> str:
        return in_reader_language(self, "city")


class Setting(db.Model):
    """Small key/value facts about this installation (for example that demo data was loaded)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)

    @classmethod
    def get(cls, key: str) -> str | None:
        row = db.session.get(cls, key)
        return row.value if row else None

    @classmethod
    def put(cls, key: str, value: str) -> None:
        row = db.session.get(cls, key) or cls(key=key)
        row.value = value
        db.session.add(row)
