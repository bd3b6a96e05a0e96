from portal.accounts.access import ADMINS
from portal.accounts.models import Role

DOWNLOADERS = frozenset({Role.ADMIN, Role.MANAGER})

ACCESS = {
    "exchange.index": DOWNLOADERS,
    "exchange.export": DOWNLOADERS,
    "exchange.upload": ADMINS,
    "exchange.confirm": ADMINS,
    "exchange.cancel": ADMINS,
}
