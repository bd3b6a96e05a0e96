from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})

ACCESS = {
    "jobs.index": STAFF,
    "jobs.detail": STAFF,
    "jobs.download": STAFF,
}
