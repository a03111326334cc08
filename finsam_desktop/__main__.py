"""`python -m finsam_desktop`: the same as the `finsam-desktop` command."""

from finsam_desktop.cli import run

run()
