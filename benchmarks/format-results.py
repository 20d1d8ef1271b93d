#!/usr/bin/env python3
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
"""Turn JMH JSON results of CounterBenchmark or LockBenchmark into a Markdown table.

Usage:
    python3 benchmarks/format-results.py DIR_OR_JSON... [--baselines A,B] [-o OUT.md]

Each argument is a JSON file written by JMH (-rf json -rff FILE) or a directory, from which every
*.json file is read (run-counters.sh writes results-t1.json and results-t2.json, run-locks.sh also
results-t4.json). If a directory holds an environment.txt, its first lines are printed above the
table.

One row per benchmark, parameters and thread count: the score with its error (JMH's 99.9%
confidence interval) in ops/us, gc.alloc.rate.norm in B/op (when the run used -prof gc), and the
score divided by the score of each baseline implementation for the same benchmark, the same other
parameters (LockBenchmark's csWork) and the same thread count in the same JSON file, that is, in
the same run. Beside each ratio, in brackets, is the widest range that the two error intervals
allow: when it includes 1.00, the run does not tell the two apart. The baselines are AtomicLong and
LongAdder for CounterBenchmark, ReentrantLock and synchronized for LockBenchmark,
ReentrantReadWriteLock and StampedLockOptimistic for ReadWriteLockBenchmark, or those given with
--baselines. Standard library only.
"""

import argparse
import json
import math
import os
import sys

# The peers that each benchmark class is compared with, by the class's simple name.
BASELINES_BY_CLASS = {
    "CounterBenchmark": ("AtomicLong", "LongAdder"),
    "LockBenchmark": ("ReentrantLock", "synchronized"),
    "ReadWriteLockBenchmark": ("ReentrantReadWriteLock", "StampedLockOptimistic"),
    "RateLimiterBenchmark": ("Bucket4j", "Guava"),
    "QueueBenchmark": ("ArrayBlockingQueue", "JCToolsMpmcArrayQueue"),
    "QueueTransferBenchmark": ("ArrayBlockingQueue", "JCToolsMpmcArrayQueue"),
}
# Group benchmarks whose primary score counts attempts: the @AuxCounters metric that counts the work
# done replaces it (QueueTransferBenchmark: the elements the consumer received).
SCORE_FROM_SECONDARY = {"QueueTransferBenchmark": "polled"}
DEFAULT_BASELINES = BASELINES_BY_CLASS["CounterBenchmark"]
PARAM = "implementation"


def number(value):
    """JMH writes NaN as the string "NaN" when there are too few samples for an error."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return math.nan
    return result


def decimals_for(score):
    """About four significant digits for the score; the error gets the same decimals.

    Scores below 1 (LockBenchmark's oversubscribed FIFO spin locks score thousandths of an op/us)
    keep three significant digits instead of rounding to 0.000."""
    magnitude = abs(score)
    if magnitude >= 100:
        return 1
    if magnitude >= 10:
        return 2
    if magnitude >= 0.1 or magnitude == 0 or math.isnan(magnitude):
        return 3
    return min(9, 2 - math.floor(math.log10(magnitude)))


def format_score(score, error):
    places = decimals_for(score)
    if math.isnan(error):
        return f"{score:.{places}f} ± n/a"
    return f"{score:.{places}f} ± {error:.{places}f}"


def format_allocation(metric):
    if metric is None:
        return "n/a (no -prof gc)"
    score = number(metric.get("score"))
    if math.isnan(score):
        return "n/a"
    if abs(score) < 0.01:
        return "≈ 0"  # JMH prints ≈ 10⁻⁴ here: one-off allocations spread over millions of ops.
    return f"{score:.2f}"


def format_ratio(row, base):
    """The ratio row/base, and the range [low, high] that the two error intervals allow."""
    if base is None:
        return "n/a"
    ratio = row["score"] / base["score"]
    text = f"{ratio:.2f}"
    if row is base:
        return text
    if math.isnan(row["error"]) or math.isnan(base["error"]):
        return text
    low = (row["score"] - row["error"]) / (base["score"] + base["error"])
    base_low = base["score"] - base["error"]
    high = "∞" if base_low <= 0 else f"{(row['score'] + row['error']) / base_low:.2f}"
    return f"{text} [{max(low, 0.0):.2f}–{high}]"


def load(path, run_index):
    with open(path, encoding="utf-8") as handle:
        entries = json.load(handle)
    rows = []
    for position, entry in enumerate(entries):
        metric = entry["primaryMetric"]
        params = entry.get("params", {})
        # The parameters other than the implementation (LockBenchmark's csWork) qualify the
        # benchmark: rows compare, and ratios are taken, only among equal values of them.
        others = ", ".join(f"{name}={value}" for name, value in sorted(params.items()) if name != PARAM)
        name_parts = entry["benchmark"].rsplit(".", 2)
        benchmark_class = name_parts[-2] if len(name_parts) > 1 else ""
        secondary = SCORE_FROM_SECONDARY.get(benchmark_class)
        if secondary and secondary in entry.get("secondaryMetrics", {}):
            metric = entry["secondaryMetrics"][secondary]
            name_parts[-1] += f":{secondary}"
        rows.append({
            "run": run_index,
            "file": path,
            "position": position,
            "class": benchmark_class,
            "benchmark": name_parts[-1] + (f" ({others})" if others else ""),
            "implementation": params.get(PARAM, "?"),
            "threads": entry["threads"],
            "forks": entry.get("forks"),
            "score": number(metric["score"]),
            "error": number(metric.get("scoreError")),
            "unit": metric.get("scoreUnit", ""),
            "alloc": entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm"),
        })
    return rows


def json_files(arguments):
    files = []
    for argument in arguments:
        if os.path.isdir(argument):
            found = sorted(name for name in os.listdir(argument) if name.endswith(".json"))
            if not found:
                sys.exit(f"no .json file in {argument}")
            files.extend(os.path.join(argument, name) for name in found)
        else:
            files.append(argument)
    return files


def environment_summary(arguments):
    lines = []
    for argument in arguments:
        path = os.path.join(argument, "environment.txt") if os.path.isdir(argument) else None
        if path and os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    line = line.rstrip("\n")
                    if line.startswith("## Command lines"):
                        break
                    if line and not line.startswith("##"):
                        lines.append(line)
    return lines


def table(rows, baseline_names):
    # Ratios only within one run (one JSON file), one benchmark (with its other parameters) and one
    # thread count.
    baselines = {}
    for row in rows:
        if row["implementation"] in baseline_names:
            key = (row["run"], row["benchmark"], row["threads"], row["implementation"])
            baselines[key] = row

    rows = sorted(rows, key=lambda r: (r["benchmark"], r["threads"], r["run"], r["position"]))
    units = sorted({row["unit"] for row in rows})
    unit = units[0] if len(units) == 1 else "/".join(units)
    unit = unit.replace("/us", "/µs")  # JMH writes microseconds as "us".

    header = ["benchmark", "implementation", "threads", f"score ± error ({unit})",
              "gc.alloc.rate.norm (B/op)"] + [f"÷ {name}" for name in baseline_names]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---", "---", "---:", "---:", "---:"] + ["---:"] * len(baseline_names)) + "|"]
    for row in rows:
        ratios = [format_ratio(row, baselines.get((row["run"], row["benchmark"], row["threads"], name)))
                  for name in baseline_names]
        cells = [row["benchmark"], row["implementation"], str(row["threads"]),
                 format_score(row["score"], row["error"]), format_allocation(row["alloc"])] + ratios
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser(description="JMH CounterBenchmark or LockBenchmark JSON to a Markdown table.")
    parser.add_argument("inputs", nargs="+", metavar="DIR_OR_JSON",
                        help="JMH JSON result files, or directories holding them")
    parser.add_argument("--baselines", metavar="A,B",
                        help="the implementations to divide by (default: by benchmark class, "
                             + "; ".join(f"{cls}: {', '.join(names)}" for cls, names in BASELINES_BY_CLASS.items())
                             + ")")
    parser.add_argument("-o", "--output", help="write the Markdown here instead of standard output")
    arguments = parser.parse_args()

    files = json_files(arguments.inputs)
    rows = []
    for run_index, path in enumerate(files):
        rows.extend(load(path, run_index))
    if not rows:
        sys.exit("no results in " + ", ".join(files))

    out = []
    environment = environment_summary(arguments.inputs)
    if environment:
        out += ["Environment:", ""] + [f"    {line}" for line in environment] + [""]
    if arguments.baselines:
        baseline_names = tuple(name.strip() for name in arguments.baselines.split(",") if name.strip())
    else:
        classes = sorted({row["class"] for row in rows})
        known = [BASELINES_BY_CLASS[cls] for cls in classes if cls in BASELINES_BY_CLASS]
        if len(set(known)) > 1:
            sys.exit(f"results of several benchmark classes ({', '.join(classes)}): give --baselines")
        baseline_names = known[0] if known else DEFAULT_BASELINES
    out += table(rows, baseline_names)
    forks = sorted({row["forks"] for row in rows if row["forks"] is not None})
    out += ["",
            f"Sources: {', '.join(files)}. Forks per trial: {', '.join(map(str, forks)) or 'n/a'}.",
            "Score: operations per microsecond summed over all threads; the error is JMH's 99.9% "
            "confidence interval. Ratios compare with the same "
            + ("benchmark, parameters and thread count" if any("(" in row["benchmark"] for row in rows)
               else "benchmark and thread count")
            + " in the same run; the range in brackets is the widest the two error intervals allow, "
            "and when it includes 1.00 the run does not separate the two."]
    text = "\n".join(out) + "\n"

    if arguments.output:
        with open(arguments.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
