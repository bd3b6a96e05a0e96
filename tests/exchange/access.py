from portal.accounts.models import Role

#: written out, so that widening a role set in the portal fails these tests
ADMINS = frozenset({Role.ADMIN})

DOWNLOADERS = frozenset({Role.ADMIN, Role.MANAGER})

ACCESS = {
    "exchange.index": DOWNLOADERS,
    "exchange.export": DOWNLOADERS,
    "exchange.upload": ADMINS,
    "exchange.confirm": ADMINS,
    "exchange.cancel": ADMINS,
}
