"""The wheel's library and Python's own ssl module in one process, against the dev server over
TLS (tests/with_dev_server.py --tls): Python's HTTPS works before and after the SDK's, and the
SDK's works while Python's OpenSSL is loaded. The library links its TLS and its cryptography
(the BoringSSL inside SwiftNIO SSL) in with their symbols hidden, so it maps no second OpenSSL
that could take over Python's symbols, nor lend it its own."""

import os
import ssl
import urllib.request

import airops

HOST = os.environ["AIROPS_HOST"]
CA_FILE = os.environ["AIROPS_CA_FILE"]


def python_https_get(path: str) -> int:
    context = ssl.create_default_context(cafile=CA_FILE)
    request = urllib.request.Request(
        f"{HOST}{path}", headers={"Authorization": f"Bearer {os.environ['AIROPS_DEV_ADMIN_TOKEN']}"})
    with urllib.request.urlopen(request, context=context, timeout=10) as answer:
        answer.read()
        return answer.status


def mapped_files() -> set[str]:
    with open("/proc/self/maps") as maps:
        return {line.split()[-1] for line in maps if "/" in line}


def test_python_and_sdk_https_in_one_process():
    assert HOST.startswith("https://")
    assert python_https_get("/dev/stats") == 200
    client = airops.AirOps.identify(user_id=os.environ["AIROPS_USER_ID"],
                                    workspace_id=os.environ["AIROPS_WORKSPACE_ID"],
                                    hashed_user_id=os.environ["AIROPS_HASHED_USER_ID"],
                                    host=HOST, ca_file=CA_FILE)
    with client:
        result = client.apps.execute("hello-world", inputs={"name": "Ada"}).result(timeout=30)
        assert "Hello, Ada!" in result.output
        assert python_https_get("/dev/stats") == 200
    assert python_https_get("/dev/stats") == 200


def test_the_wheel_brings_no_openssl_of_its_own():
    import airops._library

    airops._library.library()
    installed = os.path.dirname(os.path.dirname(os.path.abspath(airops.__file__)))
    mapped = mapped_files()
    assert any(os.path.basename(path).startswith("libairops") for path in mapped), mapped
    grafted = [path for path in mapped if path.startswith(installed) and
               os.path.basename(path).startswith(("libssl", "libcrypto"))]
    assert grafted == []
