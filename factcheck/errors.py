"""Exception hierarchy: every error the package raises on purpose derives from FactcheckError.

Each class also subclasses the matching builtin so callers that catch ValueError/OSError keep
working (the pattern pint's errors module uses).
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class; the CLI turns it into a one-line message and exit code 2."""


class LexiconError(FactcheckError, ValueError):
    """A bundled lexicon table is malformed (names file and line)."""


class ReferenceDataError(FactcheckError, ValueError):
    """A reference table is malformed (names file and line)."""


class InputError(FactcheckError, OSError):
    """An input document cannot be read or decoded (names the file)."""


class UsageError(FactcheckError, ValueError):
    """A command-line or API argument is wrong."""
