from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})
ACCESS = {
    "organisation.edit": ADMINS,
    "organisation.image": ADMINS,
}
