from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
ACCESS = {
    "funding.create_contribution": EDITORS,
    "funding.edit_contribution": EDITORS,
    "funding.delete_contribution": EDITORS,
    "funding.create_expenditure": EDITORS,
    "funding.edit_expenditure": EDITORS,
    "funding.delete_expenditure": EDITORS,
    "funding.revenue_index": STAFF,
    "funding.create_revenue": EDITORS,
    "funding.edit_revenue": EDITORS,
    "funding.delete_revenue": EDITORS,
}
