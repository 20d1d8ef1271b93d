#!/usr/bin/env python3
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
"""Turn ScaleBenchmark's CSV rows (benchmarks/run-scale.sh) into a results page with charts.

Usage:
    python3 benchmarks/format-scale.py RUN_DIR --page TITLE -o docs/benchmarks/scale-jdk25.md

For each workload (one CSV per workload in RUN_DIR): a table with one row per thread count and, per
subject, the mean throughput in millions of operations per second with its 99.9 % confidence
interval (Student's t over every measured round of every fork, as JMH reports), and the ratio of each
Interlock subject to its JDK peer with, in brackets, the widest range the two intervals allow: when it
includes 1.00 the run does not tell them apart. A point where a thread did not stop within the
bound is shown as "timeout", a failure. Each workload's section links its chart, throughput against
thread count on log scales, which BenchmarkCharts draws from the same CSV files with XChart
(docs/benchmarks/README.md has the command). Standard library only.
"""

import argparse
import csv
import math
import os
import statistics
from collections import OrderedDict, defaultdict

# Two-sided 99.9 % quantiles of Student's t, by degrees of freedom (JMH's interval).
T_999 = {1: 636.62, 2: 31.599, 3: 12.924, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041, 9: 4.781,
         10: 4.587, 11: 4.437, 12: 4.318, 13: 4.221, 14: 4.140, 15: 4.073, 16: 4.015, 17: 3.965,
         18: 3.922, 19: 3.883, 20: 3.850, 25: 3.725, 30: 3.646, 40: 3.551, 60: 3.460, 120: 3.373}

# Each Interlock subject and the JDK peers it is compared with, in order.
PEERS = {
    "ReentrantMutex": ["ReentrantLock"],
    "ReentrantMutex(fair)": ["ReentrantLock(fair)"],
    "ReadWriteMutex(READER_PREFERRING)": ["ReentrantReadWriteLock", "StampedLock"],
    "ReadWriteMutex(WRITER_PREFERRING)": ["ReentrantReadWriteLock", "StampedLock"],
    "ReadWriteMutex(FAIR)": ["ReentrantReadWriteLock(fair)", "ReentrantReadWriteLock"],
    "LockingArrayQueue": ["ArrayBlockingQueue"],
    "TwoLockLinkedQueue": ["LinkedBlockingQueue"],
    "LockingStack": ["LinkedBlockingDeque(stack)"],
    "TokenBucket": ["Semaphore limiter", "Semaphore limiter(fair)"],
    "Semaphore": ["java.util.concurrent.Semaphore"],
    "Semaphore(fair)": ["java.util.concurrent.Semaphore(fair)"],
}

WORKLOAD_TITLES = {
    "mutex": "Mutex: lock, a short critical section, unlock, work outside",
    "rw90": "Read-write lock, 90 % reads",
    "rw99": "Read-write lock, 99 % reads",
    "queues": "Blocking queues and stack: half the threads put, half take (capacity 1,024)",
    "ratelimit": "Rate limiter: every thread waits for one token (1,000,000 a second, capacity 1,000)",
    "semaphore": "Semaphore: a pool of 4 permits, each held for a short critical section",
}

def t_quantile(df):
    for key in sorted(T_999):
        if df <= key:
            return T_999[key]
    return 3.291


def summarize(values):
    if not values:
        return None
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, float("nan")
    return mean, t_quantile(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))


def point_label(threads, kind):
    return f"{threads:,} virtual" if kind == "virtual" else f"{threads:,}"


def read_workload(path):
    """Returns (points in order, subjects in order, {(point, subject): [values] or 'timeout'})."""
    points, subjects = OrderedDict(), OrderedDict()
    data = defaultdict(list)
    timeouts = set()
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            point = (int(row["threads"]), row["kind"])
            points[point] = None
            subjects[row["subject"]] = row["peer"] == "true"
            if row["opsPerSecond"] == "timeout":
                timeouts.add((point, row["subject"]))
            else:
                data[(point, row["subject"])].append(float(row["opsPerSecond"]))
    ordered = sorted(points, key=lambda p: (p[1] == "virtual", p[0]))
    return ordered, subjects, data, timeouts


def ratio_text(ours, theirs):
    if ours is None or theirs is None:
        return "n/a"
    (m1, e1), (m2, e2) = ours, theirs
    ratio = m1 / m2
    if math.isnan(e1) or math.isnan(e2) or m2 - e2 <= 0:
        return f"{ratio:.2f}"
    low, high = max(m1 - e1, 0) / (m2 + e2), (m1 + e1) / (m2 - e2)
    mark = "" if low <= 1.0 <= high else (" **better**" if low > 1.0 else " worse")
    return f"{ratio:.2f} [{low:.2f}–{high:.2f}]{mark}"


def table(points, subjects, data, timeouts):
    lines = []
    header = ["threads"] + [f"{s} (M ops/s)" for s in subjects]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for point in points:
        cells = [point_label(*point)]
        for subject in subjects:
            if (point, subject) in timeouts:
                cells.append("**timeout**")
                continue
            summary = summarize(data.get((point, subject), []))
            cells.append("n/a" if summary is None else f"{summary[0] / 1e6:.2f} ± {summary[1] / 1e6:.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    ratio_rows = [(s, p) for s in subjects if s in PEERS for p in PEERS[s] if p in subjects]
    if ratio_rows:
        header = ["threads"] + [f"{s} / {p}" for s, p in ratio_rows]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for point in points:
            cells = [point_label(*point)]
            for subject, peer in ratio_rows:
                if (point, subject) in timeouts or (point, peer) in timeouts:
                    cells.append("**timeout**")
                    continue
                cells.append(ratio_text(summarize(data.get((point, subject), [])),
                                        summarize(data.get((point, peer), []))))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir")
    parser.add_argument("--page", required=True, help="the page title")
    parser.add_argument("-o", "--output", required=True, help="the Markdown page to write, beside its results directory")
    args = parser.parse_args()

    env_path = os.path.join(args.run_dir, "environment.txt")
    environment = open(env_path).read().strip() if os.path.exists(env_path) else "(no environment.txt)"
    stem = os.path.splitext(os.path.basename(args.output))[0]
    page = [f"# {args.page}", "", "```", environment, "```", "",
            "Raw rows: the CSV files in [`" + stem + "/`](" + stem + "/). Means are in millions of operations"
            " per second; ± is the 99.9 % confidence interval over every round of every fork. A ratio's"
            " brackets are the widest range the two intervals allow; **better** or worse is marked only when"
            " that range excludes 1.00. Dashed lines in the charts are the JDK peers.", ""]
    for workload in WORKLOAD_TITLES:
        path = os.path.join(args.run_dir, workload + ".csv")
        if not os.path.exists(path):
            continue
        points, subjects, data, timeouts = read_workload(path)
        # The chart is drawn by BenchmarkCharts (XChart; docs/benchmarks/README.md) into STEM/charts/.
        page += [f"## {WORKLOAD_TITLES[workload]}", "", f"![{workload}]({stem}/charts/{workload}.png)", "",
                 table(points, subjects, data, timeouts)]
    with open(args.output, "w") as handle:
        handle.write("\n".join(page).rstrip() + "\n")


if __name__ == "__main__":
    main()
