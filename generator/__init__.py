"""Turn YAML fact files into a trilingual knowledge-base site."""

from .languages import LANGUAGES

__all__ = ["LANGUAGES"]
