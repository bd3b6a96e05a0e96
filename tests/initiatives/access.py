from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
ACCESS = {
    "initiatives.index": STAFF,
    "initiatives.create": EDITORS,
    "initiatives.edit": EDITORS,
    "initiatives.validate": EDITORS,
    "initiatives.send_back": EDITORS,
    "initiatives.add_cycle": EDITORS,
    "initiatives.edit_cycle": EDITORS,
}
