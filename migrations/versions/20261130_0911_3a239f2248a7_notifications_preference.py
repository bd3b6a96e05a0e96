"""notifications preference

Revision ID: 3a239f2248a7
Revises: 9de0f5a8d20a
Create Date: 2026-11-30 09:11:17.518643

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3a239f2248a7'
down_revision = '9de0f5a8d20a'
branch_labels = None
depends_on = None


def upgrade():
    # existing accounts keep getting notifications
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_notified', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_notified')
