#!/usr/bin/env python3
"""Runs a command against a fresh dev server on a free loopback port.

Usage: with_dev_server.py [--server PATH] [--config FILE] [--log-level LEVEL] [--tls] [--net-tools]
                          -- COMMAND [ARGS...]

Starts `airops-dev-server --port 0`, reads the `export NAME=VALUE` block it prints once it
listens, runs COMMAND with those variables in its environment, stops the server and exits
with COMMAND's exit code. The one harness for the C tests, the Python tests and the demo.
With --net-tools it also runs the forward proxies and the witness server of tests/net in
this process (see tests/net/net_tools.py) and exports their URLs.
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading

READY_TIMEOUT_S = 60
NET_TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "net")


def make_certificate(folder):
    """A self-signed certificate for localhost; returns (certificate, key) paths."""
    certificate, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-keyout", key, "-out", certificate, "-days", "1", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return certificate, key


def start_server(server, config, log_level, tls, stderr=None):
    """Starts the server; returns (process, banner variables). `stderr`: where its log goes."""
    args = [server, "--port", "0", "--host", "127.0.0.1", "--log-level", log_level]
    if tls:
        args += ["--tls-cert", tls[0], "--tls-key", tls[1]]
    if config:
        args += ["--config", config]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr, text=True)
    env = {}
    timer = threading.Timer(READY_TIMEOUT_S, proc.kill)
    timer.start()
    try:
        for line in proc.stdout:
            line = line.strip()
            if line.startswith("export ") and "=" in line:
                name, value = line[len("export "):].split("=", 1)
                env[name] = value
            elif line == "# ready":
                break
    finally:
        timer.cancel()
    if "AIROPS_HOST" not in env:
        proc.kill()
        sys.exit(f"with_dev_server: {server} did not report ready within {READY_TIMEOUT_S} s")
    # Keep draining stdout so that the server never blocks on a full pipe.
    threading.Thread(target=proc.stdout.read, daemon=True).start()
    return proc, env


def stop_server(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default=os.environ.get("AIROPS_DEV_SERVER", ".build/debug/airops-dev-server"))
    parser.add_argument("--config")
    parser.add_argument("--log-level", default="warning", help="the server's log level (info: one line per request)")
    parser.add_argument("--tls", action="store_true",
                        help="serve HTTPS/WSS with a fresh self-signed certificate, exported as AIROPS_CA_FILE")
    parser.add_argument("--net-tools", action="store_true",
                        help="also run the test proxies and the witness server, exported as "
                             "AIROPS_TEST_PROXY, AIROPS_TEST_PROXY_AUTH, AIROPS_TEST_PROXY_REFUSING "
                             "and AIROPS_TEST_WITNESS")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command given")
    folder = tempfile.TemporaryDirectory()
    tls = make_certificate(folder.name) if options.tls else None
    proc, server_env = start_server(options.server, options.config, options.log_level, tls)
    if tls:
        server_env["AIROPS_CA_FILE"] = tls[0]
    # For tests that run servers of their own (e.g. one they kill and restart).
    server_env["AIROPS_DEV_SERVER_BIN"] = os.path.abspath(options.server)
    stop_net_tools = None
    try:
        if options.net_tools:
            sys.path.insert(0, NET_TOOLS)
            from net_tools import start_net_tools
            net_env, stop_net_tools = start_net_tools()
            server_env.update(net_env)
        result = subprocess.run(command, env={**os.environ, **server_env})
        return result.returncode
    finally:
        if stop_net_tools:
            stop_net_tools()
        stop_server(proc)
        folder.cleanup()


if __name__ == "__main__":
    sys.exit(main())
