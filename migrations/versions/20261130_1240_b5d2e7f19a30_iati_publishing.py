"""IATI publishing: the projects to publish, each published file kept, and the DAC sectors of thematic areas

Revision ID: b5d2e7f19a30
Revises: a7c4d2e8f013
Create Date: 2026-11-30 12:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d2e7f19a30'
down_revision = 'a7c4d2e8f013'
branch_labels = None
depends_on = None

SHIPPED_SECTORS = {
    "asylum": "15190 15160",
    "border": "15190 15136",
    "capacity": "15190 15110",
    "economy": "15190 16020",
    "thb": "15190 15180",
    "development": "15190 24050",
    "dialogues": "15190 15110",
    "research": "15190 15196",
}


def upgrade():
    op.create_table(
        'iati_publications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('published_by_id', sa.Integer(), nullable=True),
        sa.Column('activities', sa.Integer(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('file_name', sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_iati_publications_published_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_iati_publications')),
        sa.UniqueConstraint('file_name', name=op.f('uq_iati_publications_file_name')),
    )
    # plain ALTER TABLE ADD COLUMN: a batch would rebuild projects, losing its unique index on lower(code) on SQLite
    op.add_column('projects', sa.Column('iati_published', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('thematic_areas', sa.Column('dac_sectors', sa.String(length=120), server_default='15190', nullable=False))
    # the shipped areas count for the sectors shipped with them (a copy: later code may change its defaults)
    areas = sa.table('thematic_areas', sa.column('code', sa.String), sa.column('dac_sectors', sa.String))
    for code, sectors in SHIPPED_SECTORS.items():
        op.execute(areas.update().where(areas.c.code == code).values(dac_sectors=sectors))


def downgrade():
    # plain ALTER TABLE DROP COLUMN: a batch would rebuild projects, losing its unique index on lower(code) on SQLite
    op.drop_column('thematic_areas', 'dac_sectors')
    op.drop_column('projects', 'iati_published')
    op.drop_table('iati_publications')
