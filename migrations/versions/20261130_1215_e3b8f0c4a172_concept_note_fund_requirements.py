"""concept note as the Migration MPTF asks for it: SDG targets, endorsements, principles applied, typed partners,
gender budget share, the human rights marker on its own scale, and the budget by outcome and year

Revision ID: e3b8f0c4a172
Revises: 7c3e9a51d2b4
Create Date: 2026-11-30 12:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e3b8f0c4a172'
down_revision = '7c3e9a51d2b4'
branch_labels = None
depends_on = None

NEW_LISTS = ('partners', 'principle_applications', 'sdg_targets', 'government_endorsements')


def upgrade():
    with op.batch_alter_table('concept_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partners', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('principle_applications', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('sdg_targets', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('gender_budget_percent', sa.Numeric(precision=5, scale=2), nullable=True))
        batch_op.add_column(sa.Column('government_endorsements', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('rc_endorsed_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('rc_endorsed_on', sa.Date(), nullable=True))

    op.create_table(
        'concept_note_budget_allocations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('note_id', sa.Integer(), nullable=False),
        sa.Column('outcome_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['note_id'], ['concept_notes.id'], name=op.f('fk_concept_note_budget_allocations_note_id_concept_notes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['outcome_id'], ['concept_note_outcomes.id'], name=op.f('fk_concept_note_budget_allocations_outcome_id_concept_note_outcomes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_note_budget_allocations')),
        sa.UniqueConstraint('note_id', 'outcome_id', 'year', name=op.f('uq_concept_note_budget_allocations_note_id_outcome_id_year')),
    )

    # the partners typed one per line become typed entries whose kind the team still has to choose
    notes = sa.table('concept_notes', sa.column('id', sa.Integer), sa.column('implementing_partners', sa.Text),
                     sa.column('partners', sa.JSON), sa.column('human_rights_marker', sa.Integer))
    connection = op.get_bind()
    for note_id, text in connection.execute(sa.select(notes.c.id, notes.c.implementing_partners)):
        partners = [{'name': line.strip(), 'kind': None} for line in (text or '').splitlines() if line.strip()]
        connection.execute(notes.update().where(notes.c.id == note_id).values(partners=partners))
    # the human rights marker moves from the gender scale (0-3) to its own (0 not targeted, 1 significant, 2 principal)
    marker = notes.c.human_rights_marker
    connection.execute(notes.update().where(marker.in_((0, 1))).values(human_rights_marker=0))
    connection.execute(notes.update().where(marker == 2).values(human_rights_marker=1))
    connection.execute(notes.update().where(marker == 3).values(human_rights_marker=2))

    with op.batch_alter_table('concept_notes', schema=None) as batch_op:
        for name in NEW_LISTS:
            batch_op.alter_column(name, server_default=None)
        batch_op.alter_column('rc_endorsed_by', server_default=None)


def downgrade():
    notes = sa.table('concept_notes', sa.column('human_rights_marker', sa.Integer))
    connection = op.get_bind()
    connection.execute(notes.update().where(notes.c.human_rights_marker == 2).values(human_rights_marker=3))
    connection.execute(notes.update().where(notes.c.human_rights_marker == 1).values(human_rights_marker=2))
    op.drop_table('concept_note_budget_allocations')
    with op.batch_alter_table('concept_notes', schema=None) as batch_op:
        batch_op.drop_column('rc_endorsed_on')
        batch_op.drop_column('rc_endorsed_by')
        batch_op.drop_column('government_endorsements')
        batch_op.drop_column('gender_budget_percent')
        batch_op.drop_column('sdg_targets')
        batch_op.drop_column('principle_applications')
        batch_op.drop_column('partners')
