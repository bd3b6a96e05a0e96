from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
ACCESS = {
    "partners.index": STAFF,
    "partners.detail": STAFF,
    "partners.create": EDITORS,
    "partners.edit": EDITORS,
}
