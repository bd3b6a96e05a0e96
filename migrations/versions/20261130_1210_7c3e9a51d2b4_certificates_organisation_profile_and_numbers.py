"""certificates: the organisation's profile (name, logo, signatory, signature) and a number per attendance

Revision ID: 7c3e9a51d2b4
Revises: 6b1f3c2d9e47
Create Date: 2026-11-30 12:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c3e9a51d2b4'
down_revision = '6b1f3c2d9e47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'organisation_profiles',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=True),
        sa.Column('logo', sa.String(length=80), nullable=True),
        sa.Column('signatory_name', sa.String(length=200), nullable=True),
        sa.Column('signatory_title', sa.String(length=200), nullable=True),
        sa.Column('signature', sa.String(length=80), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_profiles')),
    )
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('certificate_number', sa.String(length=20), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_attendances_certificate_number'), ['certificate_number'])


def downgrade():
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_attendances_certificate_number'), type_='unique')
        batch_op.drop_column('certificate_number')
    op.drop_table('organisation_profiles')
