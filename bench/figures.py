"""The five sections of the issue's table. Each starts its own dev server, runs its
contenders (alternating round by round where there are rounds) and adds rows and samples."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from report import Results, Row
from server import ContenderError, Server, serving
from stats import median, percentile

PYTHON_DIR = Path(__file__).resolve().parent / "python"
LATENCY_APPS = ["run-50ms", "run-200ms", "run-700ms", "run-1500ms", "run-3000ms"]


@dataclass(frozen=True)
class Setup:
    server: Path     # the dev server binary
    programs: Path   # the folder of the C benchmark programs
    library: Path    # libairops.so
    quick: bool

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline else float("inf")


def overhead(setup: Setup, results: Results) -> None:
    """C: the SDK's blocking fetch against libcurl (the target) and the raw socket (the
    floor), in wall time and in the process's CPU time per call. Python: the binding's fetch
    against http.client (the target) and requests."""
    with serving(setup.server) as server:
        c = server.run(setup.programs / "overhead", setup.size(20, 2), setup.size(500, 20))
        py = server.run(sys.executable, PYTHON_DIR / "overhead.py", setup.size(20, 2), setup.size(300, 10))
    wall = {name: median(c[f"{name}_us"]) for name in ("sdk", "curl", "raw")}
    cpu = {name: median(c[f"{name}_cpu_us"]) for name in ("sdk", "curl", "raw")}
    results.samples["per-call overhead, C (µs per call, per round)"] = {
        "SDK fetch": c["sdk_us"], "libcurl": c["curl_us"], "raw socket": c["raw_us"]}
    results.samples["per-call CPU, C (µs of client CPU per call, per round)"] = {
        "SDK fetch": c["sdk_cpu_us"], "libcurl": c["curl_cpu_us"], "raw socket": c["raw_cpu_us"]}
    curl, raw = "libcurl easy handle, keep-alive (C)", "raw keep-alive HTTP/1.1 (C)"
    results.rows.append(Row("per-call overhead", "C: airops_execution_fetch", wall["sdk"], "µs", curl, wall["curl"],
                            ratio(wall["sdk"], wall["curl"]), "<= 1.15x", ratio(wall["sdk"], wall["curl"]) <= 1.15,
                            f"libcurl at {ratio(wall['curl'], wall['raw']):.2f}x the raw socket"))
    results.rows.append(Row("per-call CPU", "C: airops_execution_fetch", cpu["sdk"], "µs", curl, cpu["curl"],
                            ratio(cpu["sdk"], cpu["curl"]), "<= 1.5x", ratio(cpu["sdk"], cpu["curl"]) <= 1.5,
                            f"client CPU (getrusage, every thread) per call; raw socket {cpu['raw']:.1f} µs"))
    results.rows.append(Row("per-call overhead", "C: airops_execution_fetch", wall["sdk"], "µs", raw, wall["raw"],
                            ratio(wall["sdk"], wall["raw"]), "-"))
    binding, with_requests, with_http = (median(py[name]) for name in ("binding_us", "requests_us", "http_client_us"))
    results.samples["per-call overhead, Python (µs per call, per round)"] = {
        "binding fetch": py["binding_us"], "requests.Session": py["requests_us"], "http.client": py["http_client_us"]}
    results.rows.append(Row("per-call overhead", "Python: Execution.fetch", binding, "µs", "http.client",
                            with_http, ratio(binding, with_http), "<= 1.1x", ratio(binding, with_http) <= 1.1))
    results.rows.append(Row("per-call overhead", "Python: Execution.fetch", binding, "µs", "requests.Session",
                            with_requests, ratio(binding, with_requests), "< 1x", binding < with_requests))


def latency(setup: Setup, results: Results) -> None:
    apps = LATENCY_APPS if not setup.quick else LATENCY_APPS[:1]
    with tempfile.TemporaryFile("w+") as log:
        with serving(setup.server, log) as server:
            runs = server.run(setup.programs / "latency", setup.size(5, 1), *apps)["runs"]
        log.seek(0)
        polls = Counter(re.findall(r"GET /sdk_api/airops_apps/executions/([-0-9a-f]+) -> 200", log.read()))
    by: dict[str, list[dict[str, float | str]]] = {}
    for run in runs:
        by.setdefault(str(run["contender"]), []).append(run)
    latencies = {name: [float(run["latency_ms"]) for run in group] for name, group in by.items()}
    requests = {name: sum(polls[str(run["id"])] for run in group) / len(group) for name, group in by.items()}
    if min(requests.values()) < 1:
        raise ContenderError("the request log does not show the executions' fetches")
    results.samples["result latency (ms from done to wait returning, per execution)"] = {
        "SDK streamed": latencies["sdk_stream"], "SDK not streamed": latencies["sdk_poll"],
        "500 ms poller": latencies["poller_500ms"]}
    span = f"runs of {apps[0].removeprefix('run-')} to {apps[-1].removeprefix('run-')}, {len(latencies['sdk_stream'])} each"
    streamed, polled, poller = (percentile(latencies[name], 0.5) for name in ("sdk_stream", "sdk_poll", "poller_500ms"))
    results.rows.append(Row("result latency p50", "streamed wait", streamed, "ms", "500 ms poller", poller,
                            ratio(streamed, poller), "<= 10 ms", streamed <= 10,
                            f"p90 {percentile(latencies['sdk_stream'], 0.9):.1f} ms; {span}"))
    fewer = requests["sdk_poll"] <= requests["poller_500ms"]
    results.rows.append(Row("result latency p50", "non-streamed wait", polled, "ms", "500 ms poller", poller,
                            ratio(polled, poller), "< poller, <= its requests", polled < poller and fewer,
                            f"p90 {percentile(latencies['sdk_poll'], 0.9):.0f} ms vs poller "
                            f"{percentile(latencies['poller_500ms'], 0.9):.0f} ms; GETs per execution: SDK "
                            f"{requests['sdk_poll']:.2f}, poller {requests['poller_500ms']:.2f}, streamed SDK "
                            f"{requests['sdk_stream']:.2f}"))


def throughput(setup: Setup, results: Results) -> None:
    """The raw reader measures the server's ceiling first, then the contenders alternate.
    20,000 events a run, so that setting up the streams weighs little; the bench config lets
    the dev server queue that many frames for a slow client instead of dropping it."""
    for streams in (1, setup.size(100, 10)):
        chunks = str(setup.size(20000, 500) // streams - 1)
        contenders = {
            "raw WebSocket reader (C)": [setup.programs / "raw_ws_reader", streams, chunks],
            "SDK, C callback": [setup.programs / "stream_throughput", streams, chunks],
            "binding, Python callback": [sys.executable, PYTHON_DIR / "throughput.py", "binding", streams, chunks],
            "pysher": [sys.executable, PYTHON_DIR / "throughput.py", "pysher", streams, chunks]}
        rates: dict[str, list[float]] = {name: [] for name in contenders}
        cpu: list[float] = []
        with serving(setup.server) as server:
            for _ in range(setup.size(9, 1)):
                for name, command in contenders.items():
                    measured = server.run(*command)
                    expected = measured.get("expected", int(streams) * (int(chunks) + 1))
                    if measured["events"] != expected:
                        raise ContenderError(f"{name} received {measured['events']} of {expected} events")
                    rates[name].append(measured["events"] / measured["seconds"])
                    cpu += [measured["cpu_seconds"] / measured["seconds"]] if "cpu_seconds" in measured else []
        label = f"{streams} stream{'s' if streams > 1 else ''}"
        results.samples[f"streaming throughput, {label} (events/s, per round)"] = rates
        ceiling, sdk = median(rates["raw WebSocket reader (C)"]), median(rates["SDK, C callback"])
        bound = sdk >= 0.9 * ceiling
        results.rows.append(Row(f"throughput, {label}", "C callback", sdk, "ev/s", "raw WebSocket reader (C)", ceiling,
                                ratio(sdk, ceiling), ">= 0.9x", bound,
                                f"the raw reader used {median(cpu):.0%} of a core: the server's ceiling is "
                                f"{ceiling:,.0f} ev/s" + ("; the SDK figure is server-bound" if bound else
                                                          "; the SDK is below the server's ceiling: client-bound")))
        binding, pysher = median(rates["binding, Python callback"]), median(rates["pysher"])
        results.rows.append(Row(f"throughput, {label}", "Python callback", binding, "ev/s", "pysher", pysher,
                                ratio(binding, pysher), ">= 2x", binding >= 2 * pysher,
                                "server-bound" if binding >= 0.9 * ceiling else ""))


def concurrency(setup: Setup, results: Results) -> None:
    streams = setup.size(1000, 50)
    with serving(setup.server) as server:
        measured = server.run(setup.programs / "concurrency", streams)
    all_complete = measured["events"] == measured["expected"]
    results.rows.append(Row("concurrency", f"{streams} streamed executions", measured["max_realtime_connections"],
                            "conn", target="1 realtime connection", met=measured["max_realtime_connections"] == 1
                            and measured["realtime_connections_opened"] == 1,
                            note=f"{measured['realtime_connections_opened']} opened in all; all complete in "
                                 f"{measured['seconds']:.1f} s" if all_complete else "",
                            error="" if all_complete else f"{measured['events']} of {measured['expected']} events"))
    results.rows.append(Row("concurrency", "peak RSS", measured["peak_rss_mb"], "MB", target="<= 150 MB",
                            met=measured["peak_rss_mb"] <= 150))


def footprint(setup: Setup, results: Results) -> None:
    with tempfile.TemporaryDirectory() as folder:
        stripped = Path(folder) / "libairops.so"
        subprocess.run(["strip", "--strip-unneeded", "-o", stripped, setup.library.resolve()], check=True)
        size_mb = stripped.stat().st_size / 1e6
        with serving(setup.server) as server:
            times = [server.run(setup.programs / "footprint", stripped)["ms"] for _ in range(setup.size(15, 2))]
    results.samples["footprint: dlopen + identified client (ms, per fresh process)"] = {"SDK": times}
    results.rows.append(Row("footprint", "stripped .so size", size_mb, "MB", target="<= 25 MB", met=size_mb <= 25))
    results.rows.append(Row("footprint", "dlopen + identify", median(times), "ms", target="<= 30 ms",
                            met=median(times) <= 30, note=f"median of {len(times)} fresh processes"))


SECTIONS = [("per-call overhead", overhead), ("result latency", latency), ("streaming throughput", throughput),
            ("concurrency", concurrency), ("footprint", footprint)]


def measure(setup: Setup, results: Results) -> None:
    for name, section in SECTIONS:
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            section(setup, results)
        except (ContenderError, KeyError, ValueError) as error:
            results.rows.append(Row(name, "-", None, "", error=str(error)))
