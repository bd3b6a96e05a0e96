"""dialogue memberships with a status (states and organisations), and dialogue groups with their members

Revision ID: d4f7a9c21e06
Revises: d4f7a1c9e2b3
Create Date: 2026-11-30 15:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4f7a9c21e06"
down_revision = "d4f7a1c9e2b3"
branch_labels = None
depends_on = None


def _member_columns(owner: str, owner_table: str, table: str, value: str):
    """The columns of a row naming a state or an organisation in `owner_table`, with its status or role `value`."""
    return (
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column(value, sa.Enum(*VALUES[value], name=value, native_enum=False, length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("(country IS NULL) <> (partner_id IS NULL)", name=op.f(f"ck_{table}_state_or_organisation")),
        sa.ForeignKeyConstraint(
            [owner], [f"{owner_table}.id"], name=op.f(f"fk_{table}_{owner}_{owner_table}"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partners.id"], name=op.f(f"fk_{table}_partner_id_partners"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint(owner, "country", name=op.f(f"uq_{table}_{owner}_country")),
        sa.UniqueConstraint(owner, "partner_id", name=op.f(f"uq_{table}_{owner}_partner_id")),
    )


VALUES = {
    "status": ("MEMBER", "OBSERVER", "FOCUS_COUNTRY"),
    "role": ("MEMBER", "CHAIR", "CO_CHAIR"),
}


def upgrade():
    op.create_table(
        "dialogue_memberships",
        *_member_columns("dialogue_id", "dialogues", "dialogue_memberships", "status"),
        sa.CheckConstraint(
            "status <> 'FOCUS_COUNTRY' OR country IS NOT NULL",
            name=op.f("ck_dialogue_memberships_focus_country_is_a_state"),
        ),
    )
    op.create_index(op.f("ix_dialogue_memberships_dialogue_id"), "dialogue_memberships", ["dialogue_id"])
    op.create_index(op.f("ix_dialogue_memberships_partner_id"), "dialogue_memberships", ["partner_id"])
    # every member state recorded so far is a member
    op.execute(
        "INSERT INTO dialogue_memberships (dialogue_id, country, status, version) "
        "SELECT dialogue_id, country, 'MEMBER', 1 FROM dialogue_members ORDER BY dialogue_id, country"
    )
    op.drop_table("dialogue_members")
    op.create_table(
        "dialogue_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dialogue_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "STEERING_COMMITTEE",
                "REFERENCE_GROUP",
                "WORKING_GROUP",
                "OTHER",
                name="groupkind",
                native_enum=False,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_fr", sa.String(length=255), nullable=True),
        sa.Column("name_ru", sa.String(length=255), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dialogue_id"], ["dialogues.id"], name=op.f("fk_dialogue_groups_dialogue_id_dialogues"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dialogue_groups")),
        sa.UniqueConstraint("dialogue_id", "name", name=op.f("uq_dialogue_groups_dialogue_id_name")),
    )
    op.create_index(op.f("ix_dialogue_groups_dialogue_id"), "dialogue_groups", ["dialogue_id"])
    op.create_table(
        "dialogue_group_members",
        *_member_columns("group_id", "dialogue_groups", "dialogue_group_members", "role"),
        sa.CheckConstraint(
            "role = 'MEMBER' OR country IS NOT NULL", name=op.f("ck_dialogue_group_members_chair_is_a_state")
        ),
    )
    op.create_index(op.f("ix_dialogue_group_members_group_id"), "dialogue_group_members", ["group_id"])
    op.create_index(op.f("ix_dialogue_group_members_partner_id"), "dialogue_group_members", ["partner_id"])


def downgrade():
    op.drop_table("dialogue_group_members")
    op.drop_table("dialogue_groups")
    op.create_table(
        "dialogue_members",
        sa.Column("dialogue_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["dialogue_id"],
            ["dialogues.id"],
            name=op.f("fk_dialogue_members_dialogue_id_dialogues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dialogue_id", "country", name=op.f("pk_dialogue_members")),
    )
    # observers, focus countries and organisations have no place in the older table
    op.execute(
        "INSERT INTO dialogue_members (dialogue_id, country) "
        "SELECT dialogue_id, country FROM dialogue_memberships WHERE status = 'MEMBER' AND country IS NOT NULL"
    )
    op.drop_table("dialogue_memberships")
