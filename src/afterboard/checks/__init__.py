"""Checks: what keeps a post-mortem from being a good one, each family in its own module."""
