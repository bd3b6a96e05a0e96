from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
ACCESS = {
    "projects.index": STAFF,
    "projects.detail": STAFF,
    "projects.create": EDITORS,
    "projects.edit": EDITORS,
    "projects.add_implementer": EDITORS,
    "projects.edit_implementer": EDITORS,
    "projects.remove_implementer": EDITORS,
    "projects.add_deliverable": EDITORS,
    "projects.edit_deliverable": EDITORS,
    "projects.delete_deliverable": EDITORS,
    "projects.add_output": EDITORS,
    "projects.edit_output": EDITORS,
    "projects.delete_output": EDITORS,
    "projects.add_indicator": EDITORS,
    "projects.edit_indicator": EDITORS,
    "projects.delete_indicator": EDITORS,
    "projects.add_result": EDITORS,
    "projects.edit_result": EDITORS,
    "projects.delete_result": EDITORS,
}
