"""audit entries name their parent record: a project's History lists its funding lines, an event's its attendance

Revision ID: cdec336b2fa4
Revises: d867a2274fab
Create Date: 2026-11-30 09:17:41.061699

"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'cdec336b2fa4'
down_revision = 'd867a2274fab'
branch_labels = None
depends_on = None

#: record type, its table, the column naming its parent (portal.audit.services.PARENTS as of this revision)
CHILDREN = (
    ("Contribution", "contributions", "project_id"),
    ("Expenditure", "expenditures", "project_id"),
    ("Attendance", "attendances", "event_id"),
    ("Chairmanship", "chairmanships", "dialogue_id"),
    ("ActionPlanDomain", "action_plan_domains", "dialogue_id"),
)
entries = sa.table(
    "audit_entries",
    sa.column("id", sa.Integer),
    sa.column("record_type", sa.String),
    sa.column("record_id", sa.Integer),
    sa.column("parent_id", sa.Integer),
    sa.column("changes", sa.Text),
)


def _backfill(connection, record_type, table, column):
    # the records that still exist name their parent themselves
    child = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.Integer))
    parent = sa.select(child.c[column]).where(child.c.id == entries.c.record_id).scalar_subquery()
    connection.execute(sa.update(entries).where(entries.c.record_type == record_type).values(parent_id=parent))
    # those deleted since: the last parent their entries recorded
    rows = connection.execute(
        sa.select(entries.c.record_id, entries.c.changes)
        .where(entries.c.record_type == record_type, entries.c.parent_id.is_(None), entries.c.changes.is_not(None))
        .order_by(entries.c.id)
    )
    parents = {}
    for record_id, changes in rows:
        before, after = json.loads(changes).get(column, (None, None))
        if after is not None or before is not None:
            parents[record_id] = after if after is not None else before
    for record_id, parent_id in parents.items():
        connection.execute(
            sa.update(entries)
            .where(
                entries.c.record_type == record_type,
                entries.c.record_id == record_id,
                entries.c.parent_id.is_(None),
            )
            .values(parent_id=parent_id)
        )


def upgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_audit_entries_parent', ['record_type', 'parent_id'], unique=False)
    connection = op.get_bind()
    for record_type, table, column in CHILDREN:
        _backfill(connection, record_type, table, column)


def downgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_parent')
        batch_op.drop_column('parent_id')
