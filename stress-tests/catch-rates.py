#!/usr/bin/env python3
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
"""Measures the catch rate of jcstress negative controls, with NegativeControlsIT's own options.

Runs the stress jar RUNS times on the controls that REGEX selects, each run one jcstress invocation,
and prints a Markdown table: per control, the runs that caught it (at least one configuration observed
a FORBIDDEN outcome, which is what NegativeControlsIT requires: jcstress reports the configuration FAILED) and the configurations that did, out of
those that ran. Each run's output is kept in OUT_DIR/run-N.txt.

  --kind race          -m quick -fsm 0 -sc false                       (NegativeControlsIT's race options)
  --kind termination   -m sanity -time 1000 -sc false -fsm 0 -jvmArgs  (its Mode.Termination options)

The selection must name controls of that kind only: a Mode.Termination control run with the race options
takes no sample in quick mode's time. Build the jar first:
  ./mvnw -B package -pl stress-tests -am -DskipTests -DskipITs
Example, the synchronizers' Termination controls, 20 runs:
  python3 stress-tests/catch-rates.py --kind termination --runs 20 'Sync_0[17].*Broken' /tmp/catch-sync
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import time

OPTIONS = {
    "race": ["-m", "quick", "-fsm", "0", "-sc", "false"],
    "termination": ["-m", "sanity", "-time", "1000", "-sc", "false", "-fsm", "0",
                    "-jvmArgs", "--enable-native-access=ALL-UNNAMED"],
}
# With -v, jcstress prints each configuration's result as a block: "[OK] test" or "[FAILED] test" (a
# FORBIDDEN outcome was observed), then its JVM arguments; the summary after "RUN RESULTS:" repeats them.
BLOCK = re.compile(r"^\.*\s*\[(OK|FAILED|ERROR)\]\s+(\S+)\s*\n(.*?)^  JVM args: (\[.*?\])$", re.M | re.S)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=sorted(OPTIONS), required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--jar", default="stress-tests/target/interlock-stress.jar")
    parser.add_argument("--java", default="java")
    parser.add_argument("regex", help="jcstress -t selection; must match Broken... controls only")
    parser.add_argument("out_dir")
    args = parser.parse_args()

    base = [args.java, "--enable-native-access=ALL-UNNAMED", "-jar", args.jar]
    listed = subprocess.run(base + ["-l", "-t", args.regex], capture_output=True, text=True, check=True).stdout
    controls = sorted(line.strip() for line in listed.splitlines() if line.startswith("dev.interlock.stress."))
    if not controls or any(".Broken" not in name for name in controls):
        sys.exit("the selection must match negative controls only, and at least one: " + repr(controls))
    os.makedirs(args.out_dir, exist_ok=True)
    print(f"{len(controls)} controls, {args.runs} runs of: {' '.join(OPTIONS[args.kind])}", flush=True)

    caught_runs = collections.Counter()
    configs_caught = collections.Counter()
    configs_run = collections.Counter()
    for run in range(1, args.runs + 1):
        started = time.monotonic()
        output = subprocess.run(base + OPTIONS[args.kind] + ["-v", "-t", args.regex], capture_output=True,
                                text=True).stdout  # -v: every configuration's result, not only the failed ones
        with open(os.path.join(args.out_dir, f"run-{run}.txt"), "w") as log:
            log.write(output)
        summary = output.rfind("RUN RESULTS:")
        forbidden = collections.defaultdict(set)
        for status, name, _, flags in BLOCK.findall(output[:summary] if summary >= 0 else output):
            configs_run[name] += 1
            if status == "FAILED":
                forbidden[name].add(flags)
        for name in controls:
            configs_caught[name] += len(forbidden[name])
            caught_runs[name] += 1 if forbidden[name] else 0
        missed = [name for name in controls if not forbidden[name]]
        print(f"run {run}: {time.monotonic() - started:.0f} s, missed: {', '.join(missed) or 'none'}", flush=True)

    print()
    print("| jcstress control | runs that caught it | configurations that saw FORBIDDEN |")
    print("|---|---|---|")
    for name in controls:
        short = name.removeprefix("dev.interlock.stress.")
        print(f"| `{short}` | {caught_runs[name]} of {args.runs} | {configs_caught[name]} of {configs_run[name]} |")


if __name__ == "__main__":
    main()
