"""Turn YAML fact files into a trilingual knowledge-base site."""

from . import engine as _engine  # noqa: F401  (before any `mkdocs` import: ProperDocs stands in for MkDocs where installed)
from .languages import LANGUAGES

__all__ = ["LANGUAGES"]
