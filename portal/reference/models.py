from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Country, Currency, VersionedMixin
from portal.extensions import db


class Region(VersionedMixin, db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))


class ThematicArea(VersionedMixin, db.Model):
    __tablename__ = "thematic_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))


class DonorCategory(VersionedMixin, db.Model):
    __tablename__ = "donor_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))


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
    country: Mapped[str] = Country(nullable=False)
    opened_on: Mapped[date | None]
    closed_on: Mapped[date | None]


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
