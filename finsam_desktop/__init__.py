"""FinSam Desktop: the plan and budget of a Swedish samordningsförbund, in one file."""

import os

__version__ = "0.1.0"

# openpyxl writes through lxml when lxml is installed (pikepdf brings it). On a full
# disk lxml turns the OSError into its own SerialisationError and prints an "Exception
# ignored" traceback while openpyxl's stream is collected; the standard library's
# writer raises the plain OSError that `services.output` turns into one Swedish line.
# It must be set before openpyxl is first imported, hence here.
os.environ.setdefault("OPENPYXL_LXML", "False")
