"""Build hook of the airops wheel: everything else is declared in pyproject.toml.

A wheel built by ``make wheel`` carries libairops.so next to ``airops/__init__.py``: native
code, so it must not be tagged ``py3-none-any``. It contains no extension module either (the
package uses ctypes), so it runs on any Python 3 and any ABI: the tag is
``py3-none-<platform>``, e.g. ``py3-none-linux_x86_64``. Without a bundled library (a plain
``pip install bindings/python``, which then finds the library through ``AIROPS_LIBRARY``)
the wheel stays pure: ``py3-none-any``.
"""

from pathlib import Path

from setuptools import Distribution, setup

try:
    from setuptools.command.bdist_wheel import bdist_wheel  # setuptools >= 70.1
except ImportError:  # older setuptools: the `wheel` package provides the command
    from wheel.bdist_wheel import bdist_wheel

BUNDLED_LIBRARY = Path(__file__).resolve().parent / "airops" / "libairops.so"


class BinaryDistribution(Distribution):
    """Native code inside: bdist_wheel then makes a platform wheel (``Root-Is-Purelib:
    false``, files installed in platlib), as for a package with extension modules."""

    def has_ext_modules(self) -> bool:
        return BUNDLED_LIBRARY.is_file()


class PlatformWheel(bdist_wheel):
    """``bdist_wheel`` with the tag ``py3-none-<platform>`` instead of ``cp3X-cp3X-<platform>``:
    ctypes needs no particular Python version or ABI. (A pure wheel stays ``py3-none-any``.)"""

    def get_tag(self) -> tuple[str, str, str]:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(distclass=BinaryDistribution, cmdclass={"bdist_wheel": PlatformWheel})
