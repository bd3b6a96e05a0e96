"""concept-note invitations by e-mail

Revision ID: 9de0f5a8d20a
Revises: 208548eb3b10
Create Date: 2026-11-30 07:27:16.976864

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9de0f5a8d20a'
down_revision = '208548eb3b10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('concept_note_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_concept_note_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['note_id'], ['concept_notes.id'], name=op.f('fk_concept_note_invitations_note_id_concept_notes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_note_invitations')),
    sa.UniqueConstraint('note_id', 'email_key', name=op.f('uq_concept_note_invitations_note_id_email_key'))
    )
    with op.batch_alter_table('concept_note_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_concept_note_invitations_email_key'), ['email_key'], unique=False)



def downgrade():
    with op.batch_alter_table('concept_note_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_concept_note_invitations_email_key'))

    op.drop_table('concept_note_invitations')
