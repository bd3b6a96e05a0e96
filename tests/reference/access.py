from portal.accounts.access import ADMINS

ACCESS = {
    "reference.index": ADMINS,
    "reference.list_items": ADMINS,
    "reference.create_item": ADMINS,
    "reference.edit_item": ADMINS,
    "reference.delete_item": ADMINS,
}
