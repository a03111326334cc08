"""FinSam Desktop: the plan and budget of a Swedish samordningsförbund, in one file."""

import os

__version__ = "0.1.0"

# openpyxl writes through lxml when lxml is installed (pikepdf brings it). On a full
# disk lxml turns the OSError into its own SerialisationError and prints an "Exception
# ignored" traceback while openpyxl's stream is collected; the standard library's
# writer raises the plain OSError that `services.output` turns into one Swedish line.
# It must be set before openpyxl is first imported, hence here.
os.environ.setdefault("OPENPYXL_LXML", "False")

# The bundled files are the top-level `resources/` folder, mapped into this package as
# `finsam_desktop.resources` by pyproject (a wheel and a frozen app copy it inside). A
# checkout run from source without a fresh editable install finds it here instead.
_CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if (os.path.isfile(os.path.join(_CHECKOUT, "resources", "__init__.py"))
        and not os.path.isfile(os.path.join(os.path.dirname(__file__), "resources",
                                            "__init__.py"))):
    __path__.append(_CHECKOUT)  # noqa: F821 - a package's __path__
