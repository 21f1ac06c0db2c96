"""The results: one row per figure of the issue's table, printed as a table, written as
bench/results.json, and drawn as bench/results.png (the distributions behind the medians)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Row:
    figure: str
    sdk: str                     # what was measured on the SDK side
    value: float | None
    unit: str
    baseline: str = "-"
    baseline_value: float | None = None
    ratio: float | None = None   # value / baseline_value
    target: str = "-"
    met: bool | None = None      # None: no target, or not measured
    note: str = ""
    error: str = ""


@dataclass
class Results:
    quick: bool
    rows: list[Row] = field(default_factory=list)
    samples: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    wall_s: float = 0.0

    @property
    def failed(self) -> bool:
        return any(row.error for row in self.rows)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"


def table(results: Results) -> str:
    header = ("figure", "SDK side", "value", "baseline", "baseline value", "ratio", "target", "verdict")
    lines = [header]
    for row in results.rows:
        verdict = "ERROR" if row.error else {True: "PASS", False: "MISS", None: "-"}[row.met]
        lines.append((row.figure, row.sdk, f"{_number(row.value)} {row.unit}".strip(), row.baseline,
                      f"{_number(row.baseline_value)} {row.unit if row.baseline_value is not None else ''}".strip(),
                      "-" if row.ratio is None else f"{row.ratio:.2f}x", row.target, verdict))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in lines]
    text.insert(1, "  ".join("-" * width for width in widths))
    notes = [f"* {row.figure} / {row.sdk}: {row.error or row.note}" for row in results.rows if row.error or row.note]
    mode = "quick run (make test-bench): figures are not meaningful" if results.quick else "full run"
    return "\n".join(text + [""] + notes + [f"{mode}, {results.wall_s:.0f} s"])


def write_json(results: Results, path: Path) -> None:
    document: dict[str, Any] = {"quick": results.quick, "wall_s": round(results.wall_s, 1),
                                "rows": [asdict(row) for row in results.rows], "samples": results.samples}
    path.write_text(json.dumps(document, indent=2) + "\n")


def write_chart(results: Results, path: Path) -> None:
    """One panel per section, a box per contender over its samples (rounds or executions)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [(name, series) for name, series in results.samples.items() if series]
    figure, axes = plt.subplots(len(panels), 1, figsize=(10, 3.2 * len(panels)), squeeze=False)
    for axis, (name, series) in zip(axes[:, 0], panels):
        axis.boxplot(list(series.values()), orientation="horizontal", tick_labels=list(series.keys()))
        axis.set_title(name)
        axis.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
