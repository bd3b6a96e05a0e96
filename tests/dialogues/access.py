from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
EDITORS = frozenset({Role.ADMIN, Role.OFFICER})
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})
ACCESS = {
    "dialogues.index": STAFF,
    "dialogues.detail": STAFF,
    "dialogues.create": EDITORS,
    "dialogues.edit": EDITORS,
    "dialogues.add_chairmanship": EDITORS,
    "dialogues.edit_chairmanship": EDITORS,
    "dialogues.delete_chairmanship": EDITORS,
    "dialogues.add_membership": EDITORS,
    "dialogues.edit_membership": EDITORS,
    "dialogues.delete_membership": EDITORS,
    "dialogues.add_group": EDITORS,
    "dialogues.edit_group": EDITORS,
    "dialogues.delete_group": EDITORS,
    "dialogues.add_group_member": EDITORS,
    "dialogues.edit_group_member": EDITORS,
    "dialogues.delete_group_member": EDITORS,
    "dialogues.add_plan": EDITORS,
    "dialogues.edit_plan": EDITORS,
    "dialogues.share_plan": EDITORS,
    "dialogues.leave_plan": EDITORS,
    "dialogues.add_domain": EDITORS,
    "dialogues.edit_domain": EDITORS,
    "dialogues.delete_domain": EDITORS,
    "dialogues.add_priority": EDITORS,
    "dialogues.edit_priority": EDITORS,
    "dialogues.delete_priority": EDITORS,
    "dialogues.map_project": EDITORS,
    "dialogues.unmap_project": EDITORS,
}
