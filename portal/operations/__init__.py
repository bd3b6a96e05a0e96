"""Operations: the health check for load balancers, and backups of the database and their restore."""
