"""The version of this package and the library version it is written against."""

__version__: str = "0.1.0"
"""The version of the ``airops`` Python package."""

EXPECTED_LIBRARY_VERSION_NUMBER: int = 100
"""``airops_version_number()`` of the libairops this package speaks to (0.1.0 -> 100)."""
