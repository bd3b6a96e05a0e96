from portal.accounts.access import PUBLIC
from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})

DOWNLOADERS = frozenset({Role.ADMIN, Role.MANAGER})

ACCESS = {
    "exchange.index": DOWNLOADERS,
    "exchange.export": DOWNLOADERS,
    "exchange.iati": DOWNLOADERS,
    "exchange.upload": ADMINS,
    "exchange.publish_iati": ADMINS,
    "exchange.confirm": ADMINS,
    "exchange.cancel": ADMINS,
    # the published IATI files, for the IATI Registry and anyone
    "iati_files.index": PUBLIC,
    "iati_files.latest": PUBLIC,
    "iati_files.archived": PUBLIC,
}
