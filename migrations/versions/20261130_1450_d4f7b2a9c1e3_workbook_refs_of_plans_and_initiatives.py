"""workbook refs of action plans, their domains and priorities, collection cycles and initiatives; plan titles in
French and Russian

Revision ID: d4f7b2a9c1e3
Revises: e2a9c6b41f57
Create Date: 2026-11-30 14:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4f7b2a9c1e3"
down_revision = "e2a9c6b41f57"
branch_labels = None
depends_on = None

#: table -> prefix of the references given to its existing rows (the services number new ones the same way)
REFS = {
    "action_plans": "AP-",
    "action_plan_domains": "APD-",
    "action_plan_priorities": "APP-",
    "collection_cycles": "CYC-",
    "initiatives": "INI-",
}


def upgrade():
    op.add_column("action_plans", sa.Column("title_fr", sa.String(length=255), nullable=True))
    op.add_column("action_plans", sa.Column("title_ru", sa.String(length=255), nullable=True))
    connection = op.get_bind()
    for table, prefix in REFS.items():
        op.add_column(table, sa.Column("ref", sa.String(length=40), nullable=True))
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column("ref", sa.String))
        for ident in connection.execute(sa.select(rows.c.id).order_by(rows.c.id)).scalars().all():
            connection.execute(rows.update().where(rows.c.id == ident).values(ref=f"{prefix}{ident:04d}"))
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("ref", existing_type=sa.String(length=40), nullable=False)
            batch_op.create_unique_constraint(op.f(f"uq_{table}_ref"), ["ref"])


def downgrade():
    for table in REFS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_constraint(op.f(f"uq_{table}_ref"), type_="unique")
            batch_op.drop_column("ref")
    op.drop_column("action_plans", "title_ru")
    op.drop_column("action_plans", "title_fr")
