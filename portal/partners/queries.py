"""Reads of partners: the register's list with its search and filters, and partners as choices."""

import sqlalchemy as sa

from portal.db import contains
from portal.i18n import reader_language_column
from portal.partners.models import Partner, PartnerType
from portal.reference.models import DonorCategory
from portal.sorting import Sort, Sorting

#: the partner register's columns; a donor category sorts by its name in the reader's language
PARTNER_SORTING = Sorting(
    columns={
        "ref": lambda: (sa.func.lower(Partner.ref),),
        "name": lambda: (Partner.name,),
        "acronym": lambda: (sa.func.lower(Partner.acronym),),
        "type": lambda: (Partner.type,),
        "category": lambda: (
            sa.select(sa.func.lower(reader_language_column(DonorCategory, "name")))
            .where(DonorCategory.id == Partner.donor_category_id)
            .scalar_subquery(),
        ),
        "country": lambda: (Partner.country,),
    },
    default="name",
    tiebreak=Partner.id,
)


def partner_query(
    *, q: str | None = None, type: str | None = None, donor_category_id: int | None = None, sort: Sort | None = None
):
    """Partners whose reference, name or acronym contains `q`, of a type and a donor category, in the order `sort`
    asks for (by name by default)."""
    query = sa.select(Partner).order_by(*PARTNER_SORTING.order_by(sort))
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
        query = query.where(Partner.contributions.any())
    return [(i, f"{name} ({acronym})" if acronym else name) for i, name, acronym in session.execute(query)]
