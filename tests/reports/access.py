from portal.accounts.access import STAFF
from portal.accounts.models import Role

ACCESS = {
    "reports.dashboard": STAFF,
    "reports.key_figures_pdf": STAFF,
    "reports.export": STAFF,
    "reports.publish": frozenset({Role.ADMIN, Role.MANAGER}),
    "reports.snapshots": STAFF,
    "reports.snapshot_pdf": STAFF,
    "reports.snapshot_json": STAFF,
}
