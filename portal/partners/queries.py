"""Reads of partners: the register's list with its search and filters, and partners as choices."""

import sqlalchemy as sa

from portal.db import contains
from portal.funding.models import Contribution
from portal.partners.models import Partner, PartnerType


def partner_query(*, q: str | None = None, type: str | None = None, donor_category_id: int | None = None):
    """Partners whose reference, name or acronym contains `q`, of a type and a donor category, by name."""
    query = sa.select(Partner).order_by(Partner.name, Partner.id)
    if (found := contains((Partner.ref, Partner.name, Partner.acronym), q)) is not None:
        query = query.where(found)
    if type:
        query = query.where(Partner.type == PartnerType(type))
    if donor_category_id:
        query = query.where(Partner.donor_category_id == donor_category_id)
    return query


def partner_choices(session, *, donors_only: bool = False) -> list[tuple]:
    """(id, "name (acronym)") of every partner, by name; donors_only keeps those that contributed to a project."""
    query = sa.select(Partner.id, Partner.name, Partner.acronym).order_by(Partner.name, Partner.id)
    if donors_only:
        query = query.where(Partner.id.in_(sa.select(Contribution.donor_id)))
    return [(i, f"{name} ({acronym})" if acronym else name) for i, name, acronym in session.execute(query)]
