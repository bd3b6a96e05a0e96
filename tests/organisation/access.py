from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})
ACCESS = {
    "organisation.edit": ADMINS,
    "organisation.image": ADMINS,
    "organisation.facts": ADMINS,
    "organisation.create_year": ADMINS,
    "organisation.edit_year": ADMINS,
    "organisation.delete_year": ADMINS,
    "organisation.create_member_state": ADMINS,
    "organisation.edit_member_state": ADMINS,
    "organisation.delete_member_state": ADMINS,
}
