"""abi_compare.py on small dumps: what fails, what is allowed, what is only reported."""

import subprocess
import sys
from pathlib import Path

COMPARE = Path(__file__).with_name("abi_compare.py")
BASELINE = """soname libairops.so.0
function airops_version const char *(void)
enumerator airops_code.AIROPS_OK = 0
struct airops_event size 64
"""


def compare(tmp_path: Path, current: str) -> subprocess.CompletedProcess:
    (tmp_path / "baseline.abi").write_text(BASELINE)
    (tmp_path / "current.abi").write_text(current)
    return subprocess.run([sys.executable, str(COMPARE), str(tmp_path / "baseline.abi"),
                           str(tmp_path / "current.abi")], capture_output=True, text=True, timeout=30)


def test_the_same_abi_passes(tmp_path):
    result = compare(tmp_path, BASELINE)
    assert result.returncode == 0 and "0 added, 0 incompatible" in result.stdout


def test_an_addition_passes_and_is_reported(tmp_path):
    result = compare(tmp_path, BASELINE + "function airops_new int (void)\n")
    assert result.returncode == 0
    assert "added: function airops_new int (void)" in result.stdout
    assert "make abi-baseline" in result.stdout


def test_a_changed_value_fails(tmp_path):
    result = compare(tmp_path, BASELINE.replace("AIROPS_OK = 0", "AIROPS_OK = 1"))
    assert result.returncode == 1
    assert "incompatible: no longer enumerator airops_code.AIROPS_OK = 0" in result.stdout


def test_a_removed_function_fails(tmp_path):
    result = compare(tmp_path, BASELINE.replace("function airops_version const char *(void)\n", ""))
    assert result.returncode == 1


def test_a_changed_struct_fails(tmp_path):
    assert compare(tmp_path, BASELINE.replace("size 64", "size 72")).returncode == 1


def test_a_struct_that_carries_its_size_may_grow(tmp_path):
    baseline = BASELINE + "field struct airops_event.size offset 0\n"
    (tmp_path / "baseline.abi").write_text(baseline)
    grown = baseline.replace("size 64", "size 72") + "field struct airops_event.error_code offset 64\n"
    (tmp_path / "current.abi").write_text(grown)
    result = subprocess.run([sys.executable, str(COMPARE), str(tmp_path / "baseline.abi"),
                             str(tmp_path / "current.abi")], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "grown (allowed" in result.stdout
    (tmp_path / "current.abi").write_text(baseline.replace("size 64", "size 56"))
    shrunk = subprocess.run([sys.executable, str(COMPARE), str(tmp_path / "baseline.abi"),
                             str(tmp_path / "current.abi")], capture_output=True, text=True, timeout=30)
    assert shrunk.returncode == 1


def test_an_incompatible_change_with_a_new_soname_passes(tmp_path):
    current = BASELINE.replace("AIROPS_OK = 0", "AIROPS_OK = 1").replace("libairops.so.0", "libairops.so.1")
    result = compare(tmp_path, current)
    assert result.returncode == 0 and "allowed" in result.stdout


def test_a_file_that_is_not_a_dump_is_an_error(tmp_path):
    result = compare(tmp_path, "function airops_version const char *(void)\n")
    assert result.returncode != 0 and "not an ABI dump" in result.stderr
