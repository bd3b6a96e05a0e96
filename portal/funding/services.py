import sqlalchemy as sa

from portal.errors import DomainError
from portal.extensions import db
from portal.funding.models import Contribution, Expenditure, Revenue, RevenueType
from portal.funding.rules import amount_problems, expenditure_year_problems, ref_problems
from portal.i18n import lazy_gettext as _l
from portal.partners.models import Partner
from portal.projects.models import Project
from portal.reference.services import suggest_ref
from portal.rules import Problem, enforce


def _ref_problems(model, ref: str, exclude_id: int | None) -> list[Problem]:
    query = sa.select(model.ref).where(model.ref == ref)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return ref_problems(ref, set(db.session.scalars(query)))


def _partner(partner_id: int | None, field: str) -> Partner | None:
    if partner_id is None:
        return None
    partner = db.session.get(Partner, partner_id)
    if partner is None:
        raise DomainError(field, _l("Choose a partner from the list."))
    return partner


def create_contribution(project: Project, values: dict) -> Contribution:
    """Record a donor's contribution to a project; an empty reference gets the next C-0001 style number."""
    ref = values.get("ref") or suggest_ref(Contribution.ref, "C-")
    enforce(_ref_problems(Contribution, ref, None) + amount_problems(values["amount"]))
    contribution = Contribution(
        ref=ref,
        project=project,
        donor=_partner(values["donor_id"], "donor_id"),
        amount=values["amount"],
        currency=values["currency"],
        signed_on=values["signed_on"],
    )
    db.session.add(contribution)
    db.session.flush()
    return contribution


def update_contribution(contribution: Contribution, values: dict) -> Contribution:
    """Change a contribution; its reference stays unique."""
    ref = values.get("ref") or contribution.ref
    enforce(_ref_problems(Contribution, ref, contribution.id) + amount_problems(values["amount"]))
    contribution.donor = _partner(values["donor_id"], "donor_id")
    contribution.ref, contribution.amount = ref, values["amount"]
    contribution.currency, contribution.signed_on = values["currency"], values["signed_on"]
    db.session.flush()
    return contribution


def delete_contribution(contribution: Contribution) -> None:
    """Remove a contribution."""
    db.session.delete(contribution)
    db.session.flush()


def _expenditure_problems(project_id: int, values: dict, exclude_id: int | None) -> list[Problem]:
    query = sa.select(Expenditure.year).where(Expenditure.project_id == project_id, Expenditure.year == values["year"])
    if exclude_id is not None:
        query = query.where(Expenditure.id != exclude_id)
    taken = set(db.session.scalars(query))
    return expenditure_year_problems(values["year"], taken) + amount_problems(values["amount"])


def create_expenditure(project: Project, values: dict) -> Expenditure:
    """Record what a project spent in a year; one entry per year."""
    enforce(_expenditure_problems(project.id, values, None))
    expenditure = Expenditure(
        project=project, year=values["year"], amount=values["amount"], currency=values["currency"]
    )
    db.session.add(expenditure)
    db.session.flush()
    return expenditure


def update_expenditure(expenditure: Expenditure, values: dict) -> Expenditure:
    """Change a year's expenditure; the year stays unique within the project."""
    enforce(_expenditure_problems(expenditure.project_id, values, expenditure.id))
    expenditure.year, expenditure.amount, expenditure.currency = values["year"], values["amount"], values["currency"]
    db.session.flush()
    return expenditure


def delete_expenditure(expenditure: Expenditure) -> None:
    """Remove a year's expenditure."""
    db.session.delete(expenditure)
    db.session.flush()


def create_revenue(values: dict) -> Revenue:
    """Record membership, operational or other revenue; an empty reference gets the next REV-0001 style number."""
    ref = values.get("ref") or suggest_ref(Revenue.ref, "REV-")
    enforce(_ref_problems(Revenue, ref, None) + amount_problems(values["amount"]))
    revenue = Revenue(
        ref=ref,
        year=values["year"],
        type=RevenueType(values["type"]),
        partner=_partner(values.get("partner_id"), "partner_id"),
        amount=values["amount"],
        currency=values["currency"],
    )
    db.session.add(revenue)
    db.session.flush()
    return revenue


def update_revenue(revenue: Revenue, values: dict) -> Revenue:
    """Change a revenue entry; its reference stays unique."""
    ref = values.get("ref") or revenue.ref
    enforce(_ref_problems(Revenue, ref, revenue.id) + amount_problems(values["amount"]))
    revenue.partner = _partner(values.get("partner_id"), "partner_id")
    revenue.ref, revenue.year, revenue.type = ref, values["year"], RevenueType(values["type"])
    revenue.amount, revenue.currency = values["amount"], values["currency"]
    db.session.flush()
    return revenue


def delete_revenue(revenue: Revenue) -> None:
    """Remove a revenue entry."""
    db.session.delete(revenue)
    db.session.flush()
