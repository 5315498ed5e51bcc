"""Turn YAML fact files into a trilingual knowledge-base site."""

LANGUAGES = ("kk", "ru", "en")
