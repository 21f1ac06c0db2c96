"""hash_user_id: HMAC-SHA256 with Python's hmac module as the oracle."""

from __future__ import annotations

import hashlib
import hmac

import pytest

import airops

# RFC 4231 test cases 1-4, 6 and 7 (case 5 tests truncated output).
RFC_4231 = [
    (b"\x0b" * 20, b"Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 20, b"\xdd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (bytes(range(1, 26)), b"\xcd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    (b"\xaa" * 131,
     b"This is a test using a larger than block-size key and a larger than block-size data."
     b" The key needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]



@pytest.mark.parametrize("key, message, expected", RFC_4231)
def test_oracle_matches_rfc_4231(key: bytes, message: bytes, expected: str) -> None:
    assert hmac.new(key, message, hashlib.sha256).hexdigest() == expected


@pytest.mark.parametrize("key, message, expected", RFC_4231)
def test_rfc_4231_cases(key: bytes, message: bytes, expected: str) -> None:
    assert airops.hash_user_id(key, message) == expected


def test_readme_example() -> None:
    expected = hmac.new(b"YOUR_API_KEY", b"YOUR_USER_ID", hashlib.sha256).hexdigest()
    assert airops.hash_user_id("YOUR_API_KEY", "YOUR_USER_ID") == expected


def test_not_sha256_of_concatenation() -> None:
    wrong = hashlib.sha256(b"YOUR_API_KEYYOUR_USER_ID").hexdigest()
    assert airops.hash_user_id("YOUR_API_KEY", "YOUR_USER_ID") != wrong


def test_non_ascii_text_is_utf8() -> None:
    expected = hmac.new("clé".encode(), "José 👩‍💻".encode(), hashlib.sha256).hexdigest()
    assert airops.hash_user_id("clé", "José 👩‍💻") == expected


def test_dev_server_identity() -> None:
    expected = hmac.new(b"demo-api-key", b"demo-user", hashlib.sha256).hexdigest()
    assert airops.hash_user_id("demo-api-key", "demo-user") == expected


@pytest.mark.parametrize("api_key, user_id", [("", "user"), ("key", ""), ("", "")])
def test_empty_arguments_are_rejected_by_the_library(api_key: str, user_id: str) -> None:
    with pytest.raises(airops.InvalidArgumentError) as info:
        airops.hash_user_id(api_key, user_id)
    assert info.value.code == airops.ErrorCode.INVALID_ARGUMENT


@pytest.mark.parametrize("api_key, user_id", [("\ud800", "user"), ("key", "bad\udfff"),
                                              ("key\0", "user")])
def test_unencodable_strings_raise_before_calling_c(api_key: str, user_id: str) -> None:
    with pytest.raises(airops.InvalidArgumentError, match="api_key|user_id"):
        airops.hash_user_id(api_key, user_id)


def test_non_text_non_bytes_are_type_errors() -> None:
    with pytest.raises(TypeError):
        airops.hash_user_id(42, "user")  # type: ignore[arg-type]


def test_text_and_bytes_hash_alike() -> None:
    assert airops.hash_user_id(b"key", "user") == airops.hash_user_id("key", b"user")
