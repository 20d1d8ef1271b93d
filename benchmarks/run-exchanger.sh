#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the exchanger measurement (dev.interlock.benchmarks.stacks.ExchangerBenchmark: two threads
# swapping values through LockFreeExchanger and through java.util.concurrent.Exchanger), with
# -prof gc, and writes into OUTPUT_DIR:
#   results-swap.json   JMH's JSON results (input of format-results.py)
#   output-swap.txt     JMH's text output, as printed on the console
#   environment.txt     java -version, nproc, CPU model, load, the git commit, the jar's checksum and
#                       the exact command line
# and then the results page OUTPUT_DIR.md (format-results.py --page). Its interpretation is left to
# a person.
#
# Usage: benchmarks/run-exchanger.sh [--smoke] OUTPUT_DIR
# For the committed results, from the repository root:
#   benchmarks/run-exchanger.sh docs/benchmarks/exchanger-jdk17
#
# Build the jar first: ./mvnw -B -pl benchmarks -am package -DskipTests
# Full run: 2 implementations = 2 trials of 2 forks of 8 s: under a minute. Run it on a quiet
# machine: the two threads need both cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

runs=(swap)
command_for() { # the group fixes the threads: two exchanging threads
    cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.ExchangerBenchmark\.'
         "${jmh_timing[@]}" -prof gc -rf json -rff "$out/results-$1.json")
}
label_for() {
    echo "ExchangerBenchmark, 2 threads"
}

parse_arguments "$@"
page=${out%/}.md
command -v python3 > /dev/null || { echo "python3 not found: format-results.py needs it" >&2; exit 1; }
[[ ! -e $page ]] || { echo "$page already exists: move it away, so a page is never overwritten" >&2; exit 1; }
prepare
write_environment "# Exchanger benchmark run"
run_all
python3 "$here/format-results.py" --page "Exchanger: JMH results, JDK ${java_version%%.*}" -o "$page" "$out"
echo
echo "Done. Page: $page (add what the numbers say). Table alone: python3 $here/format-results.py $out"
