#!/usr/bin/env python3
"""Prints the table of BENCHMARKS.md from the last `cargo bench --bench scale`.

Each figure is the median time per run over criterion's samples (read from
target/criterion/*/*/new/sample.json); ratios are taken within the same run.
"""

import json
import pathlib
import statistics
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
SIZES = ["S", "M", "L"]
OPERATIONS = [
    "load", "save", "matrix", "report-text", "report-markdown", "report-csv",
    "report-json", "report-mermaid", "lint", "diff",
]


def median(operation, size, function):
    path = ROOT / f"{operation}_{size}" / function / "new" / "sample.json"
    if not path.exists():
        return None
    sample = json.loads(path.read_text())
    return statistics.median(t / n for t, n in zip(sample["times"], sample["iters"]))


def show(ns):
    if ns is None:
        return "–"
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main():
    times = {(op, size): median(op, size, "journeymap") for op in OPERATIONS for size in SIZES}
    if not any(times.values()):
        sys.exit("no results: run `cargo bench --bench scale` first")
    print("| operation | S | M | L | L: ratio | target | M→L | target |")
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |")
    for op in OPERATIONS:
        row = [show(times[op, size]) for size in SIZES]
        l_time = times[op, "L"]
        if op in ("load", "save"):
            base = median(op, "L", "ron_baseline")
            ratio, target, limit = (l_time / base if l_time and base else None), "≤ 1.5× bare ron", 1.5
        else:
            base = times["load", "L"]
            limit = 0.25 if op == "matrix" else 1.0
            ratio, target = (l_time / base if l_time and base else None), f"≤ {limit:g}× load"
        growth = l_time / times[op, "M"] if l_time and times[op, "M"] else None
        mark = lambda value, bound: "–" if value is None else f"{value:.2f}× {'✓' if value <= bound else '✗'}"
        print(f"| {op} | {' | '.join(row)} | {mark(ratio, limit)} | {target} | {mark(growth, 12)} | ≤ 12× |")
    print()
    print("| baseline | S | M | L |")
    print("| --- | ---: | ---: | ---: |")
    for op, what in (("load", "`ron::from_str` into plain structs"), ("save", "`ron::ser::to_string_pretty`")):
        cells = [show(median(op, size, "ron_baseline")) for size in SIZES]
        print(f"| {what} | {' | '.join(cells)} |")
    print()
    print("| load ÷ bare ron, by size | " + " | ".join(
        f"{size}: {times['load', size] / median('load', size, 'ron_baseline'):.2f}×"
        for size in SIZES if times["load", size] and median("load", size, "ron_baseline")) + " |")
    imported = median("import-csv", "100k", "journeymap")
    loaded = median("import-csv", "100k", "load_baseline")
    if imported and loaded:
        print()
        print("| import of a 100,000-row CSV | load of the map it produces | ratio | target |")
        print("| ---: | ---: | ---: | --- |")
        ratio = imported / loaded
        print(f"| {show(imported)} | {show(loaded)} | {ratio:.2f}× {'✓' if ratio <= 2 else '✗'} | ≤ 2× load |")


if __name__ == "__main__":
    main()
