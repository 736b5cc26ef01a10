"""Incidents recorded from the on-call tool, so `afterboard due` finds those that needed a post-mortem.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ref", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_minutes", sa.Float, nullable=True),
        sa.Column("users_share", sa.Float, nullable=True),
        sa.Column("emergency_on_call", sa.Boolean, nullable=True),
        sa.Column("postmortem_id", sa.Integer, nullable=True),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["postmortem_id"],
            ["postmortems.id"],
            name="fk_incidents_postmortem_id_postmortems",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
        sa.UniqueConstraint("ref", name="uq_incidents_ref"),
    )
    op.create_index("ix_incidents_postmortem_id", "incidents", ["postmortem_id"])


def downgrade() -> None:
    op.drop_table("incidents")
