"""PlanDocument's two steps: `stage` makes an edit current at once, `flush` writes it."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from finsam_desktop.domain import edits
from finsam_desktop.storage import document as document_module
from finsam_desktop.storage.document import PlanDocument
from finsam_desktop.storage.errors import PlanFileError


def _in_file(path):
    with PlanDocument.open(path, read_only=True) as other:
        return other.plan


def test_stage_is_current_at_once_and_flush_writes_it(plan_file):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path) as document:
        before = document.plan
        changes = document._conn.total_changes
        edited = edits.set_total(before, 2026, 17_000_000)
        outcome = document.stage(edited)
        assert document.plan is edited and document.outcome is outcome
        assert outcome.years[2026].contributions_total == 17_000_000
        assert document.pending and document.committed is before
        assert document._conn.total_changes == changes  # nothing written yet
        assert _in_file(path) == before
        document.flush()
        assert not document.pending and document.committed is edited
        assert _in_file(path) == edited


def test_many_stages_are_one_transaction_with_the_last_plan(plan_file, monkeypatch):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path) as document:
        plan = document.plan
        for step in range(5):
            plan = edits.set_total(plan, 2026, 17_000_000 + 1000 * step)
            plan, _ = edits.add_item(plan, "interventions", name=f"Insats {step}", area="individ")
            document.stage(plan)
        begun = []
        real = document_module.transaction

        def counting(conn):
            begun.append(1)
            return real(conn)
        monkeypatch.setattr(document_module, "transaction", counting)
        document.flush()
        assert begun == [1]
        document.flush()  # nothing pending: no transaction
        assert begun == [1]
    assert _in_file(path) == plan


def test_a_text_edit_moves_no_figure_and_is_not_recomputed(plan_file, monkeypatch):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path) as document:
        calls = []
        monkeypatch.setattr(document, "_recompute", lambda plan: calls.append(plan))
        section = document.plan.sections[0]
        outcome = document.outcome
        document.stage(edits.update_item(document.plan, "sections", section.id, text="Ny text"))
        assert calls == [] and document.outcome is outcome


def test_a_failed_flush_goes_back_to_the_last_written_plan(plan_file):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path) as document:
        written = edits.set_total(document.plan, 2026, 17_000_000)
        document.commit(written)
        written_outcome = document.outcome
        document.stage(edits.set_total(written, 2026, 18_000_000))
        document._conn.execute("PRAGMA query_only = ON")  # the disk refuses the next write
        with pytest.raises(PlanFileError, match="kunde inte sparas"):
            document.flush()
        assert document.plan is written and document.outcome is written_outcome
        assert not document.pending
        document._conn.execute("PRAGMA query_only = OFF")
    assert _in_file(path) == written


def test_close_flushes_what_is_staged(plan_file):
    path = plan_file("skaraborg-2026")
    document = PlanDocument.open(path)
    edited = edits.set_total(document.plan, 2026, 17_000_000)
    document.stage(edited)
    document.close()
    assert _in_file(path) == edited


def test_stage_on_a_read_only_document_is_refused(plan_file):
    path = plan_file("skaraborg-2026")
    with PlanDocument.open(path, read_only=True) as document, \
            pytest.raises(PlanFileError, match="skrivskyddat"):
        document.stage(replace(document.plan, association="X"))


def test_staging_does_no_work_per_row(tmp_path, monkeypatch):
    """On a large plan, staging a text edit touches no row: no write, no diff, no compute."""
    from benchmarks.synthetic import synthetic_plan
    path = tmp_path / "stor.finsam"
    with PlanDocument.create(path, synthetic_plan(municipalities=30, interventions=2000)) as doc:
        monkeypatch.setattr(document_module, "write_plan", lambda *a: pytest.fail("written"))
        monkeypatch.setattr(doc, "_recompute", lambda *a: pytest.fail("recomputed"))
        plan = replace(doc.plan, association="Nytt namn")
        doc.stage(plan)
        assert doc.plan is plan
        monkeypatch.undo()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT association FROM plan").fetchone()[0] == "Nytt namn"
