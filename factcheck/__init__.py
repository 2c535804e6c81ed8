"""factcheck: find, normalize and check the figures in Chinese financial news."""

from .extract import extract
from .model import Mention

__all__ = ["extract", "Mention"]
__version__ = "0.1.0"
