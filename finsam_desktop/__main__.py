"""`python -m finsam_desktop`: the same as the `finsam-desktop` command."""

import sys

from finsam_desktop.cli import main

sys.exit(main())
