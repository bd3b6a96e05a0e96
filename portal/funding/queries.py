"""Reads of funding: a project's funding summary (contributions by donor, expenditure by year, contracted versus
spent), a donor's contributions and the list of other revenue."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.partners.models import Partner
from portal.projects.models import Project
from portal.reference.rates import MissingRate, RateTable, round_money
from portal.sorting import Sort, Sorting

#: the revenue list's columns; amounts sort within their currency
REVENUE_SORTING = Sorting(
    columns={
        "ref": lambda: (sa.func.lower(Revenue.ref),),
        "year": lambda: (Revenue.year,),
        "type": lambda: (Revenue.type,),
        "partner": lambda: (
            sa.select(sa.func.lower(Partner.name)).where(Partner.id == Revenue.partner_id).scalar_subquery(),
        ),
        "amount": lambda: (Revenue.currency, Revenue.amount),
    },
    default="-year",
    tiebreak=Revenue.id,
)


@dataclass(frozen=True)
class Converted:
    """One amount in the project's currency and in the reporting currency; None where a rate is missing."""

    project: Decimal | None
    reporting: Decimal | None


@dataclass(frozen=True)
class ContributionLine:
    """One contribution as signed, and converted."""

    id: int
    ref: str
    donor_id: int
    donor: str
    signed_on: date
    amount: Decimal
    currency: str
    converted: Converted


@dataclass(frozen=True)
class DonorLine:
    """A donor's contributions to the project, summed after conversion."""

    donor_id: int
    donor: str
    contributions: int
    converted: Converted


@dataclass(frozen=True)
class ExpenditureLine:
    """One year's expenditure as recorded, and converted."""

    id: int
    year: int
    amount: Decimal
    currency: str
    converted: Converted


@dataclass(frozen=True)
class FundingSummary:
    """Everything the project page shows about the project's money."""

    project_id: int
    project_currency: str
    reporting_currency: str
    contributions: tuple[ContributionLine, ...]
    by_donor: tuple[DonorLine, ...]
    expenditures: tuple[ExpenditureLine, ...]
    contracted: Converted
    spent: Converted
    balance: Converted
    #: every (currency, year) without a rate, in the order met; the amounts that need them are None
    missing: tuple[MissingRate, ...]


class _Converter:
    def __init__(self, rates: RateTable, project_currency: str):
        self.rates = rates
        self.project_currency = project_currency.upper()
        self.missing: dict[tuple[str, int], MissingRate] = {}

    def _try(self, compute):
        try:
            return compute()
        except MissingRate as missing:
            self.missing.setdefault((missing.currency, missing.year), missing)
            return None

    def _to_project(self, amount: Decimal, currency: str, year: int) -> Decimal:
        if currency.upper() == self.project_currency:
            return Decimal(amount)
        cross = self.rates.rate(currency, year) / self.rates.rate(self.project_currency, year)
        return round_money(Decimal(amount) * cross)

    def convert(self, amount: Decimal, currency: str, year: int) -> Converted:
        return Converted(
            project=self._try(lambda: self._to_project(amount, currency, year)),
            reporting=self._try(lambda: self.rates.convert(amount, currency, year)),
        )


def _total(items: Iterable[Converted]) -> Converted:
    items = list(items)
    project = [i.project for i in items]
    reporting = [i.reporting for i in items]
    return Converted(
        project=None if None in project else sum(project, Decimal("0.00")),
        reporting=None if None in reporting else sum(reporting, Decimal("0.00")),
    )


def _difference(a: Converted, b: Converted) -> Converted:
    return Converted(
        project=None if None in (a.project, b.project) else a.project - b.project,
        reporting=None if None in (a.reporting, b.reporting) else a.reporting - b.reporting,
    )


def project_funding(session, project_id: int, rates: RateTable) -> FundingSummary:
    """The funding summary of one project, each item converted at its year's rate and rounded half-up."""
    project_currency = session.scalar(sa.select(Project.currency).where(Project.id == project_id))
    if project_currency is None:
        raise LookupError(f"no project {project_id}")
    converter = _Converter(rates, project_currency)
    rows = session.execute(
        sa.select(Contribution, Partner.name, Partner.acronym)
        .join(Partner, Contribution.donor_id == Partner.id)
        .where(Contribution.project_id == project_id)
        .order_by(Contribution.signed_on, Contribution.id)
    ).all()
    contributions = tuple(
        ContributionLine(
            id=c.id,
            ref=c.ref,
            donor_id=c.donor_id,
            donor=f"{name} ({acronym})" if acronym else name,
            signed_on=c.signed_on,
            amount=c.amount,
            currency=c.currency,
            converted=converter.convert(c.amount, c.currency, c.signed_on.year),
        )
        for c, name, acronym in rows
    )
    donors: dict[int, list[ContributionLine]] = {}
    for line in contributions:
        donors.setdefault(line.donor_id, []).append(line)
    by_donor = tuple(
        sorted(
            (
                DonorLine(
                    donor_id=lines[0].donor_id,
                    donor=lines[0].donor,
                    contributions=len(lines),
                    converted=_total(line.converted for line in lines),
                )
                for lines in donors.values()
            ),
            key=lambda line: line.donor.casefold(),
        )
    )
    expenditures = tuple(
        ExpenditureLine(
            id=e.id,
            year=e.year,
            amount=e.amount,
            currency=e.currency,
            converted=converter.convert(e.amount, e.currency, e.year),
        )
        for e in session.scalars(
            sa.select(Expenditure).where(Expenditure.project_id == project_id).order_by(Expenditure.year)
        )
    )
    contracted = _total(line.converted for line in contributions)
    spent = _total(line.converted for line in expenditures)
    return FundingSummary(
        project_id=project_id,
        project_currency=converter.project_currency,
        reporting_currency=rates.reporting_currency,
        contributions=contributions,
        by_donor=by_donor,
        expenditures=expenditures,
        contracted=contracted,
        spent=spent,
        balance=_difference(contracted, spent),
        missing=tuple(converter.missing.values()),
    )


def donor_contributions(session, partner_id: int) -> list[Contribution]:
    """A partner's contributions with their projects, latest signed first."""
    query = (
        sa.select(Contribution)
        .where(Contribution.donor_id == partner_id)
        .options(selectinload(Contribution.project))
        .order_by(Contribution.signed_on.desc())
    )
    return list(session.scalars(query))


def revenue_query(*, year: int | None = None, type: str | None = None, sort: Sort | None = None):
    """Other revenue, optionally of one year and type, in the order `sort` asks for (newest year first by
    default)."""
    query = sa.select(Revenue).order_by(*REVENUE_SORTING.order_by(sort))
    if year:
        query = query.where(Revenue.year == year)
    if type:
        query = query.where(Revenue.type == RevenueType(type))
    return query
