from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
ACCESS = {
    "audit.index": ADMINS,
    "audit.entry": ADMINS,
    "audit.history": STAFF,
}
