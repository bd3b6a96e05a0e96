from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
STAFF = frozenset({Role.ADMIN, Role.MANAGER, Role.OFFICER})

ACCESS = {
    "reports.dashboard": STAFF,
    "reports.key_figures_pdf": STAFF,
    "reports.export": STAFF,
    "reports.publish": frozenset({Role.ADMIN, Role.MANAGER}),
    "reports.snapshots": STAFF,
    "reports.snapshot_pdf": STAFF,
    "reports.snapshot_json": STAFF,
}
