"""Every public name of the package is exercised by some test.

Walks ``airops.__all__`` and ``airops.aio.__all__``, and for each public class the methods and
properties it defines or inherits from the package's private bases, and checks that some other test module refers to each one
(``Name`` for a module-level name, ``.name`` for an attribute; for the classes of
``airops.aio``, in a test module that uses ``airops.aio``, so that the synchronous API's tests
do not count for its awaitable twins). A textual check: a new public function without a
test fails here.
"""

from __future__ import annotations

import enum
import inspect
import re
from pathlib import Path

import pytest

import airops
import airops.aio

TESTS = Path(__file__).resolve().parent
MODULES = {"airops": airops, "airops.aio": airops.aio}


def _test_sources(module_name: str) -> str:
    """The other test modules (those that use `module_name`, unless it is the package)."""
    sources = [path.read_text() for path in sorted(TESTS.glob("test_*.py"))
               if path.name != Path(__file__).name]
    if module_name != "airops":
        sources = [source for source in sources if module_name in source]
    return "\n".join(sources)


def _public_names() -> list[tuple[str, str]]:
    """(qualified name, what a test must write) for every public function, class, method
    and property."""
    found: list[tuple[str, str]] = []
    for module_name, module in MODULES.items():
        for name in module.__all__:
            value = getattr(module, name)
            if name.startswith("__"):  # __version__
                found.append((f"{module_name}.{name}", rf"\b{re.escape(name)}\b"))
                continue
            found.append((f"{module_name}.{name}", rf"\b{re.escape(name)}\b"))
            if not inspect.isclass(value) or issubclass(value, (enum.Enum, BaseException)):
                continue
            # What the class defines and what it inherits from the package's private bases.
            members = {attribute: member for base in reversed(value.__mro__)
                       if base.__module__.startswith("airops")
                       for attribute, member in vars(base).items()}
            for attribute, member in members.items():
                if attribute.startswith("_"):
                    continue
                if isinstance(member, (property, classmethod, staticmethod)) or \
                        inspect.isfunction(member):
                    found.append((f"{module_name}.{name}.{attribute}",
                                  rf"\.{re.escape(attribute)}\b"))
    return found


def test_the_walk_finds_the_api() -> None:
    names = {qualified for qualified, _ in _public_names()}
    assert {"airops.AirOps.identify", "airops.Execution.result", "airops.hash_user_id",
            "airops.aio.AsyncAirOps.identify", "airops.aio.AsyncExecution.cancel",
            "airops.aio.AsyncApps.chat_stream"} <= names
    assert len(names) > 70


@pytest.mark.parametrize("qualified, pattern", _public_names(),
                         ids=[qualified for qualified, _ in _public_names()])
def test_public_name_is_tested(qualified: str, pattern: str) -> None:
    module_name = "airops.aio" if qualified.startswith("airops.aio.") else "airops"
    assert re.search(pattern, _test_sources(module_name)), f"no test refers to {qualified}"
