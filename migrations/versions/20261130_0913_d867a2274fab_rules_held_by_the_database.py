"""rules held by the database: codes unique whatever their case, periods in order

Revision ID: d867a2274fab
Revises: 3a239f2248a7
Create Date: 2026-11-30 09:13:03.276974

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd867a2274fab'
down_revision = '3a239f2248a7'
branch_labels = None
depends_on = None

#: what the new constraints refuse, as a query of the rows that would stop the upgrade
OFFENDERS = {
    "project codes that differ only in case": (
        "SELECT code FROM projects WHERE lower(code) IN "
        "(SELECT lower(code) FROM projects GROUP BY lower(code) HAVING count(*) > 1)"
    ),
    "dialogue codes that differ only in case": (
        "SELECT code FROM dialogues WHERE lower(code) IN "
        "(SELECT lower(code) FROM dialogues GROUP BY lower(code) HAVING count(*) > 1)"
    ),
    "projects that end before they start": "SELECT code FROM projects WHERE end_date < start_date",
    "chairmanships that end before they start": "SELECT id FROM chairmanships WHERE end_date < start_date",
}
#: PostgreSQL only: chairmanships of one dialogue whose periods share a day
OVERLAPS = (
    "SELECT a.id FROM chairmanships a JOIN chairmanships b ON a.dialogue_id = b.dialogue_id AND a.id <> b.id "
    "AND daterange(a.start_date, a.end_date, '[]') && daterange(b.start_date, b.end_date, '[]')"
)


def _refuse_offenders():
    """Name the rows to correct (on the pages) rather than fail on the first constraint they break."""
    connection = op.get_bind()
    found = []
    offenders = dict(OFFENDERS)
    if connection.dialect.name == "postgresql":
        offenders["chairmanships whose periods overlap"] = OVERLAPS
    for what, query in offenders.items():
        rows = [str(value) for value in connection.execute(sa.text(query)).scalars()]
        if rows:
            found.append(f"{what}: {', '.join(sorted(rows))}")
    if found:
        raise RuntimeError("Correct these records first, then upgrade again. " + "; ".join(found))


def upgrade():
    _refuse_offenders()
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f('ck_projects_dates_in_order'), 'end_date IS NULL OR end_date >= start_date'
        )
    with op.batch_alter_table('chairmanships', schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f('ck_chairmanships_dates_in_order'), 'end_date IS NULL OR end_date >= start_date'
        )
    # After the batch operations: SQLite's batch mode rebuilds a table from what it reflects, and SQLite cannot
    # reflect an index on an expression. A later batch operation on these tables must create the index again.
    op.create_index('uq_projects_lower_code', 'projects', [sa.text('lower(code)')], unique=True)
    op.create_index('uq_dialogues_lower_code', 'dialogues', [sa.text('lower(code)')], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.create_exclude_constraint(
            'ex_chairmanships_one_chair_at_a_time',
            'chairmanships',
            (sa.column('dialogue_id'), '='),
            (sa.func.daterange(sa.column('start_date'), sa.column('end_date'), sa.text("'[]'")), '&&'),
            using='gist',
            deferrable=True,
            initially='DEFERRED',
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        # btree_gist stays: other objects of the database may use it
        op.drop_constraint('ex_chairmanships_one_chair_at_a_time', 'chairmanships')
    op.drop_index('uq_dialogues_lower_code', table_name='dialogues')
    op.drop_index('uq_projects_lower_code', table_name='projects')
    with op.batch_alter_table('chairmanships', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_chairmanships_dates_in_order'), type_='check')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_projects_dates_in_order'), type_='check')
