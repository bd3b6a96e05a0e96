"""merging people field by field: alternative addresses, people who are not the same

Revision ID: 2bdd361345ee
Revises: cdec336b2fa4
Create Date: 2026-11-30 10:22:25.691750

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '2bdd361345ee'
down_revision = 'cdec336b2fa4'
branch_labels = None
depends_on = None


def upgrade():
    # both tables start empty: the pairs and the alternative addresses come from merges and reviews made from now on
    op.create_table('distinct_people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('first_id < second_id', name=op.f('ck_distinct_people_ordered')),
    sa.ForeignKeyConstraint(['first_id'], ['people.id'], name=op.f('fk_distinct_people_first_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_distinct_people_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['second_id'], ['people.id'], name=op.f('fk_distinct_people_second_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distinct_people')),
    sa.UniqueConstraint('first_id', 'second_id', name=op.f('uq_distinct_people_first_id_second_id'))
    )
    with op.batch_alter_table('distinct_people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_distinct_people_second_id'), ['second_id'], unique=False)

    op.create_table('person_emails',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_emails_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_emails')),
    sa.UniqueConstraint('person_id', 'email_key', name=op.f('uq_person_emails_person_id_email_key'))
    )
    with op.batch_alter_table('person_emails', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_emails_email_key'), ['email_key'], unique=False)



def downgrade():
    with op.batch_alter_table('person_emails', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_emails_email_key'))

    op.drop_table('person_emails')
    with op.batch_alter_table('distinct_people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_distinct_people_second_id'))

    op.drop_table('distinct_people')
