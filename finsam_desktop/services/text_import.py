"""Last year's Word text and pasted HTML as Markdown for the document editor, through the
services layer (`ui -> services -> storage`): storage's readers, re-exported."""

from __future__ import annotations

from ..storage.word_import import (
    drop_control_characters,
    escape_markdown,
    html_to_markdown,
    read_docx,
)

__all__ = ["drop_control_characters", "escape_markdown", "html_to_markdown", "read_docx"]
