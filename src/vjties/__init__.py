"""vjties: a source-grounded dataset of Vietnam-Japan subnational ties from English-language news."""

__version__ = "0.1.0"
