#!/usr/bin/env python3
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
"""Turn JMH JSON results of Interlock's benchmarks into a Markdown table, or a whole results page.

Usage:
    python3 benchmarks/format-results.py DIR_OR_JSON... [--baselines A,B] [--page TITLE] [-o OUT.md]

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
ReentrantReadWriteLock and StampedLockOptimistic for ReadWriteLockBenchmark, and so on (see
BASELINES_BY_CLASS), or those given with --baselines.

Some benchmarks count, with @AuxCounters, what their operations did, to show that they measured what
they say (StackBenchmark: the pops that found the stack empty, which must be 0). Those counts get a
column each, as a share of the operations they belong to (see SHARE_COLUMNS_BY_CLASS); tables of
other benchmarks are unchanged.

With --page TITLE, the output is a whole results page for docs/benchmarks/: the title, the machine,
JDK, code and exact commands taken from the environment.txt that the run scripts write, a link to the
raw output, and the table. The interpretation ("what the numbers say") is left to a person.
Standard library only.
"""

import argparse
import json
import math
import os
import shlex
import sys

# The peers that each benchmark class is compared with, by the class's simple name.
BASELINES_BY_CLASS = {
    "CounterBenchmark": ("AtomicLong", "LongAdder"),
    "LockBenchmark": ("ReentrantLock", "synchronized"),
    "ReadWriteLockBenchmark": ("ReentrantReadWriteLock", "StampedLockOptimistic"),
    "RateLimiterBenchmark": ("Bucket4j", "Guava"),
    "QueueBenchmark": ("ArrayBlockingQueue", "JCToolsMpmcArrayQueue"),
    "QueueTransferBenchmark": ("ArrayBlockingQueue", "JCToolsMpmcArrayQueue"),
    "StackBenchmark": ("ConcurrentLinkedDeque", "SynchronizedArrayDeque"),
    "StackTransferBenchmark": ("ConcurrentLinkedDeque", "SynchronizedArrayDeque"),
    "ExchangerBenchmark": ("Exchanger",),
    "EventBenchmark": ("LockConditionEvent",),
    "LatchBenchmark": ("java.util.concurrent.CountDownLatch",),
    "SemaphoreBenchmark": ("java.util.concurrent.Semaphore",),
}
# Group benchmarks whose primary score counts attempts: the @AuxCounters metric that counts the work
# done replaces it (QueueTransferBenchmark: the elements the consumer received).
SCORE_FROM_SECONDARY = {"QueueTransferBenchmark": "polled", "StackTransferBenchmark": "popped",
                        "ExchangerBenchmark": "exchanged", "EventBenchmark": "turns"}
# @AuxCounters rates shown as a share of other rates, in percent: (column header, the counter, the
# rates whose sum is 100%, "" being the primary score; the note under the table). StackBenchmark:
# one pop per operation. StackTransferBenchmark: the popper's attempts are its successful and its
# empty pops.
SHARE_COLUMNS_BY_CLASS = {
    "StackBenchmark": (
        ("empty pops", "emptyPops", ("",),
         "empty pops: the pops that returned null, as a share of the pops; in pushPop it must be 0, "
         "since every thread pops only after its own push"),
        ("foreign pops", "foreignPops", ("",),
         "foreign pops: the pops that returned an element other than the thread's own (another "
         "thread's, or a pre-filled one); 0 with one thread, and with more it tells how often the "
         "threads' operations interleaved rather than ran in turns"),
    ),
    "StackTransferBenchmark": (
        ("empty pops", "emptyPops", ("popped", "emptyPops"),
         "empty pops (transfer): the popper's attempts that found the stack empty"),
    ),
}
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


def format_share(share):
    """A share in percent: exactly "0" when the counter stayed at zero (the check passed)."""
    if share is None:
        return "—"
    if math.isnan(share):
        return "n/a"
    if share == 0:
        return "0"
    if share < 0.001:
        return "< 0.001%"
    if 99.9 < share < 100:
        return "> 99.9%"  # not rounded up to 100%, which would say that every attempt failed
    return f"{share:.3g}%"


def shares(entry, benchmark_class):
    """The SHARE_COLUMNS_BY_CLASS values of one JMH result entry, by column header."""
    secondary = entry.get("secondaryMetrics", {})
    result = {}
    for header, counter, parts, _ in SHARE_COLUMNS_BY_CLASS.get(benchmark_class, ()):
        if counter not in secondary:
            continue
        total = 0.0
        for part in parts:
            metric = entry["primaryMetric"] if part == "" else secondary.get(part)
            total += number(metric["score"]) if metric else math.nan
        count = number(secondary[counter]["score"])
        result[header] = 0.0 if count == 0 else (100.0 * count / total if total > 0 else math.nan)
    return result


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
            "qualified_class": entry["benchmark"].rsplit(".", 1)[0] if len(name_parts) > 1 else "",
            "benchmark": name_parts[-1] + (f" ({others})" if others else ""),
            "implementation": params.get(PARAM, "?"),
            "threads": entry["threads"],
            "forks": entry.get("forks"),
            "score": number(metric["score"]),
            "error": number(metric.get("scoreError")),
            "unit": metric.get("scoreUnit", ""),
            "alloc": entry.get("secondaryMetrics", {}).get("gc.alloc.rate.norm"),
            "shares": shares(entry, benchmark_class),
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


def read_environment(directory):
    """The environment.txt of a run script: its title, its "key: value" lines, the java -version
    output and the command lines."""
    environment = {"title": "", "fields": {}, "java": [], "commands": []}
    section = None
    with open(os.path.join(directory, "environment.txt"), encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            line = line.rstrip("\n")
            if index == 0:
                environment["title"] = line.lstrip("#").strip()
            elif line.startswith("## java -version"):
                section = "java"
            elif line.startswith("## Command lines"):
                section = "commands"
            elif not line:
                continue
            elif line.startswith("load average at end:"):  # appended after the runs
                environment["fields"]["load average at end"] = line.split(": ", 1)[1]
            elif section is not None:
                environment[section].append(line)
            elif ": " in line:
                key, value = line.split(": ", 1)
                environment["fields"][key] = value
    return environment


def portable_command(line):
    """A command line of environment.txt (printf %q quoting) as a reader can paste it from the
    repository root: java from the PATH, the jar under benchmarks/target/, the result file by name."""
    words = shlex.split(line)
    if words and words[0].endswith("/java"):
        words[0] = "java"
    for index in range(1, len(words)):
        if words[index - 1] == "-jar" and "/benchmarks/target/" in words[index]:
            words[index] = "benchmarks/target/" + os.path.basename(words[index])
        elif words[index - 1] == "-rff":
            words[index] = os.path.basename(words[index])
    return shlex.join(words)


def from_root(path, root):
    """The path relative to the repository root when it lies inside it, else as given."""
    relative = os.path.relpath(os.path.abspath(path), root)
    return path if relative.startswith("..") else relative


def page_header(title, directory, output, rows):
    """The start of a results page, down to the table: title, sources, machine, JDK, commands."""
    environment = read_environment(directory)
    fields = environment["fields"]
    page_dir = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    raw = os.path.relpath(os.path.abspath(directory), page_dir)
    links = []
    for name in sorted({row["qualified_class"] for row in rows if row["qualified_class"]}):
        source = os.path.join(root, "benchmarks", "src", "main", "java", *name.split(".")) + ".java"
        links.append(f"[`{name.rsplit('.', 1)[-1]}`]({os.path.relpath(source, page_dir)})")
    lines = [f"# {title}", ""]
    if "SMOKE" in environment["title"]:
        lines += ["**A smoke run: one short iteration, the numbers mean nothing. Do not commit this page.**", ""]
    lines += [f"Benchmarks: {', '.join(links)}; their class comments say what each one measures and how "
              "to read it. Ratios compare with peers measured **in the same run**; the bracket is the "
              "widest range the two error intervals allow, and when it contains 1.00 the run does not "
              "separate the two.",
              "",
              "## Machine and command",
              "",
              f"- Date (UTC): {fields.get('date (UTC)', 'unknown')}. Load average at start: "
              f"{fields.get('load average at start', 'unknown')}; at end: {fields.get('load average at end', 'unknown')}.",
              f"- Machine: {fields.get('nproc', '?')} CPUs, {fields.get('CPU model name', 'unknown CPU')}.",
              "- JDK (`java -version`):",
              "  ```"]
    lines += [f"  {line}" for line in environment["java"]]
    lines += ["  ```",
              f"- Code: commit {fields.get('git commit', 'unknown')}; jar sha256 {fields.get('jar sha256', 'unknown')}.",
              "- Commands, from the repository root:",
              "  ```"]
    lines += [f"  {portable_command(line)}" for line in environment["commands"]]
    command = ["python3", "benchmarks/format-results.py", "--page", title, from_root(directory, root)]
    if output:
        command += ["-o", from_root(output, root)]
    lines += ["  ```",
              f"- Raw output (JMH's JSON and text, environment.txt) in [{os.path.basename(os.path.normpath(directory))}/]({raw}/). "
              f"This page was made by `{shlex.join(command)}`.",
              "",
              "## Results",
              ""]
    return lines


def time_unit(rows):
    """The time unit of the scores, in words: "ops/us" -> "microsecond", "ops/ms" -> "millisecond"."""
    words = {"us": "microsecond", "ms": "millisecond", "s": "second", "ns": "nanosecond"}
    units = sorted({row["unit"].rpartition("/")[2] for row in rows})
    return words.get(units[0], units[0]) if len(units) == 1 else "unit of time"


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

    share_headers = []
    for row in rows:
        share_headers += [header for header in row["shares"] if header not in share_headers]

    header = ["benchmark", "implementation", "threads", f"score ± error ({unit})",
              "gc.alloc.rate.norm (B/op)"] + share_headers + [f"÷ {name}" for name in baseline_names]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---", "---", "---:", "---:", "---:"]
                            + ["---:"] * (len(share_headers) + len(baseline_names))) + "|"]
    for row in rows:
        ratios = [format_ratio(row, baselines.get((row["run"], row["benchmark"], row["threads"], name)))
                  for name in baseline_names]
        cells = [row["benchmark"], row["implementation"], str(row["threads"]),
                 format_score(row["score"], row["error"]), format_allocation(row["alloc"])] \
            + [format_share(row["shares"].get(header)) for header in share_headers] + ratios
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser(description="JMH JSON of Interlock's benchmarks to a Markdown table or page.")
    parser.add_argument("inputs", nargs="+", metavar="DIR_OR_JSON",
                        help="JMH JSON result files, or directories holding them")
    parser.add_argument("--baselines", metavar="A,B",
                        help="the implementations to divide by (default: by benchmark class, "
                             + "; ".join(f"{cls}: {', '.join(names)}" for cls, names in BASELINES_BY_CLASS.items())
                             + ")")
    parser.add_argument("--page", metavar="TITLE",
                        help="write a whole results page with this title; the one input must be a "
                             "directory written by a run script (with its environment.txt)")
    parser.add_argument("-o", "--output", help="write the Markdown here instead of standard output")
    arguments = parser.parse_args()
    if arguments.page is not None and (len(arguments.inputs) != 1 or not os.path.isfile(
            os.path.join(arguments.inputs[0], "environment.txt"))):
        sys.exit("--page takes one directory written by a run script, with its environment.txt")

    files = json_files(arguments.inputs)
    rows = []
    for run_index, path in enumerate(files):
        rows.extend(load(path, run_index))
    if not rows:
        sys.exit("no results in " + ", ".join(files))

    out = []
    if arguments.page is not None:
        out += page_header(arguments.page, arguments.inputs[0], arguments.output, rows)
    else:
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
            f"Score: operations per {time_unit(rows)} summed over all threads; the error is JMH's 99.9% "
            "confidence interval. Ratios compare with the same "
            + ("benchmark, parameters and thread count" if any("(" in row["benchmark"] for row in rows)
               else "benchmark and thread count")
            + " in the same run; the range in brackets is the widest the two error intervals allow, "
            "and when it includes 1.00 the run does not separate the two."]
    classes = sorted({row["class"] for row in rows})
    notes = [note for cls in classes for _, _, _, note in SHARE_COLUMNS_BY_CLASS.get(cls, ())]
    if notes:
        out += ["", "Counts (JMH @AuxCounters, in percent; exactly 0 is shown as 0): " + "; ".join(notes) + "."]
    text = "\n".join(out) + "\n"

    if arguments.output:
        with open(arguments.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
