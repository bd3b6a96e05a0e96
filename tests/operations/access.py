from portal.accounts.access import PUBLIC

ACCESS = {
    "operations.health": PUBLIC,
}
