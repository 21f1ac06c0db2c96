"""Loading the library: lookup order, version check, prototypes, version functions."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import airops
from airops import _library

REPO = Path(__file__).resolve().parents[3]
HEADER = REPO / "include" / "airops.h"
PACKAGE_PARENT = Path(airops.__file__).resolve().parents[1]


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a fresh interpreter that imports this copy of the package."""
    environment = {**os.environ, "PYTHONPATH": str(PACKAGE_PARENT), **env}
    return subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True,
                          text=True, timeout=60)


def test_package_version() -> None:
    assert airops.__version__ == "0.1.0"


def test_library_version_matches_package() -> None:
    assert airops.library_version() == airops.__version__
    assert _library.library().airops_version_number() == 100


def test_every_header_function_is_prototyped() -> None:
    declaration = re.compile(r"^(?:const\s+)?\w+\s*\**\s*(airops_\w+)\(", re.MULTILINE)
    declared = set(declaration.findall(HEADER.read_text()))
    assert len(declared) >= 30
    assert declared == set(_library.PROTOTYPES)
    lib = _library.library()
    for name in declared:
        function = getattr(lib, name)
        assert function.argtypes is not None, name


def test_env_var_pointing_nowhere_raises_library_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "libairops.so"
    result = run_python(
        "import airops\n"
        "try:\n"
        "    airops.library_version()\n"
        "except airops.LibraryNotFoundError as error:\n"
        "    assert isinstance(error, OSError)\n"
        "    print('not found:', error)\n",
        AIROPS_LIBRARY=str(missing))
    assert result.returncode == 0, result.stderr
    assert "not found:" in result.stdout and str(missing) in result.stdout
    assert "AIROPS_LIBRARY" in result.stdout


def test_env_var_pointing_at_a_non_library_raises_library_error(tmp_path: Path) -> None:
    bogus = tmp_path / "libairops.so"
    bogus.write_text("not an ELF file")
    result = run_python(
        "import airops\n"
        "try:\n"
        "    airops.hash_user_id('k', 'u')\n"
        "except airops.LibraryError as error:\n"
        "    print('error:', type(error).__name__)\n",
        AIROPS_LIBRARY=str(bogus))
    assert result.returncode == 0, result.stderr
    assert "error: LibraryError" in result.stdout


def test_env_var_selects_the_library() -> None:
    loaded = _library.path().resolve()
    result = run_python("import airops; from airops import _library\n"
                        "print(airops.library_version(), _library.path())",
                        AIROPS_LIBRARY=str(loaded))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [airops.__version__, str(loaded)]


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_version_mismatch_raises_library_version_error(tmp_path: Path) -> None:
    source = tmp_path / "fake.c"
    source.write_text("int airops_version_number(void) { return 200; }\n")
    fake = tmp_path / "libairops.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(fake), str(source)], check=True)
    with pytest.raises(airops.LibraryVersionError, match="200.*expects 100"):
        _library.load(fake)


LAYOUT_PROGRAM = r"""
#include <stdio.h>
#include <stddef.h>
#include "airops.h"
#define FIELD(type, member) printf(#member " %zu %zu\n", offsetof(type, member), sizeof(((type *)0)->member))
int main(void) {
    printf("sizeof %zu\n", sizeof(airops_event));
    FIELD(airops_event, size); FIELD(airops_event, kind); FIELD(airops_event, execution);
    FIELD(airops_event, execution_id); FIELD(airops_event, json); FIELD(airops_event, data);
    FIELD(airops_event, data.chunk.content);
    FIELD(airops_event, data.completed.content); FIELD(airops_event, data.completed.result);
    FIELD(airops_event, error_code);
    FIELD(airops_event, data.agent_response.token);
    FIELD(airops_event, data.agent_response.stream_finished);
    FIELD(airops_event, data.agent_response.result);
    FIELD(airops_event, data.agent_action.tool);
    FIELD(airops_event, data.agent_action.tool_input_json);
    FIELD(airops_event, data.agent_action_error.tool);
    FIELD(airops_event, data.agent_action_error.tool_error);
    return 0;
}
"""


def _ctypes_layout() -> dict[str, tuple[int, int]]:
    """Offsets and sizes of airops_event's fields as the ctypes declaration lays them out."""
    event = _library.EventStruct
    data_offset = event.data.offset
    layout = {name: (getattr(event, name).offset, getattr(event, name).size)
              for name in ("size", "kind", "execution", "execution_id", "json", "data", "error_code")}
    fields: Any = event._fields_
    union: Any = dict(fields)["data"]
    for member_name, member_type in union._fields_:
        for field_name, _ in member_type._fields_:
            member = getattr(member_type, field_name)
            layout[f"data.{member_name}.{field_name}"] = (data_offset + member.offset,
                                                          member.size)
    return layout


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler")
def test_event_struct_matches_the_header(tmp_path: Path) -> None:
    source = tmp_path / "layout.c"
    source.write_text(LAYOUT_PROGRAM)
    program = tmp_path / "layout"
    subprocess.run(["cc", "-std=c11", f"-I{REPO / 'include'}", "-o", str(program), str(source)],
                   check=True)
    lines = subprocess.run([str(program)], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    assert lines[0] == f"sizeof {ctypes.sizeof(_library.EventStruct)}"
    from_c = {name: (int(offset), int(size))
              for name, offset, size in (line.split() for line in lines[1:])}
    assert from_c == _ctypes_layout()


@pytest.mark.skipif(not os.environ.get("AIROPS_TEST_INSTALLED"),
                    reason="set by `make test-wheel`: the suite runs against an installed wheel")
def test_installed_wheel_uses_its_bundled_library() -> None:
    venv = Path(os.environ["AIROPS_TEST_INSTALLED"]).resolve()
    package = Path(airops.__file__).resolve().parent
    assert venv in package.parents, f"airops imported from {package}, not from {venv}"
    assert Path(sys.prefix).resolve() == venv
    for variable in ("PYTHONPATH", "AIROPS_LIBRARY", "LD_LIBRARY_PATH"):
        assert variable not in os.environ, variable
    bundled = package / "libairops.so"
    assert bundled.is_file() and not bundled.is_symlink()
    assert _library.path() == bundled
    assert airops.library_version() == airops.__version__
    # the process mapped that file, and no libairops of the source tree
    maps = Path("/proc/self/maps").read_text()
    mapped = {line.split()[-1] for line in maps.splitlines() if "libairops" in line}
    assert str(bundled) in mapped
    assert not [path for path in mapped if Path(path).is_relative_to(REPO)], mapped
