from portal.accounts.access import EDITORS, STAFF

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
