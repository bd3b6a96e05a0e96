from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})
ACCESS = {
    "reference.index": ADMINS,
    "reference.list_items": ADMINS,
    "reference.create_item": ADMINS,
    "reference.edit_item": ADMINS,
    "reference.delete_item": ADMINS,
}
