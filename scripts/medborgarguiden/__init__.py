"""Shared code for Medborgarguiden's commands (scripts/*.py) and build hooks (overrides/hooks/*.py)."""
