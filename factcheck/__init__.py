"""factcheck: find, normalize and check the figures in Chinese financial news."""

from . import recache as _recache

_recache.warm()  # before the modules below compile their patterns (recache.py says why)

from .extract import extract  # noqa: E402
from .model import Mention  # noqa: E402

__all__ = ["extract", "Mention"]
__version__ = "0.1.0"
