from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ACCESS = {
    "search.index": frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER, Role.APPLICANT}),
}
