"""The schema kept for the current version is the one the upgrade chain builds."""

from __future__ import annotations

from pathlib import Path

from finsam_desktop.storage import schema, schema_current


def test_the_kept_schema_is_what_the_chain_builds_for_the_current_version():
    assert schema_current.VERSION == schema.SCHEMA_VERSION
    assert frozenset(schema_current.SCHEMA) == schema.built_schema(schema.SCHEMA_VERSION)
    assert schema.expected_schema() == schema.built_schema()


def test_the_kept_schema_file_is_written_as_the_generator_writes_it(tmp_path):
    written = schema.write_current(tmp_path / "schema_current.py")
    kept = Path(schema_current.__file__)
    assert written.read_text(encoding="utf-8") == kept.read_text(encoding="utf-8"), \
        "run python -m finsam_desktop.storage.schema"


def test_older_versions_are_built_from_the_chain():
    assert schema.expected_schema(2) == schema.built_schema(2) != schema.built_schema(3)
