#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the priority queue measurement (dev.interlock.benchmarks.queues.PriorityQueueBenchmark:
# LockingPriorityQueue against java.util.concurrent.PriorityBlockingQueue) at 1 and 2 threads, with
# -prof gc and 3 forks, and writes into OUTPUT_DIR:
#   results-tN.json     JMH's JSON results (input of format-results.py), N the thread count
#   output-tN.txt       JMH's text output, as printed on the console
#   environment.txt     java -version, nproc, CPU model, load, the git commit, the jar's checksum and
#                       the exact command lines
# and then the results page OUTPUT_DIR.md (format-results.py --page). Its interpretation is left to
# a person.
#
# Usage: benchmarks/run-priority-queues.sh [--smoke] OUTPUT_DIR
# For the committed results, from the repository root:
#   benchmarks/run-priority-queues.sh docs/benchmarks/priority-queues-jdk17
#
# Build the jar first: ./mvnw -B -pl benchmarks -am package -DskipTests
# Full run: 2 implementations x 2 kinds of keys x 2 thread counts, 3 forks of 8 s: about 5 minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

runs=(t1 t2)
command_for() {
    cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.PriorityQueueBenchmark\.'
         -t "${1#t}" "${jmh_timing[@]}" -prof gc -rf json -rff "$out/results-$1.json")
}
label_for() {
    echo "PriorityQueueBenchmark, ${1#t} thread(s)"
}

parse_arguments "$@"
page=${out%/}.md
command -v python3 > /dev/null || { echo "python3 not found: format-results.py needs it" >&2; exit 1; }
[[ ! -e $page ]] || { echo "$page already exists: move it away, so a page is never overwritten" >&2; exit 1; }
prepare
$smoke || jmh_timing=(-f 3 -wi 3 -i 5 -w 1s -r 1s) # contended at 2 threads: at least 3 forks
write_environment "# Priority queue benchmark run"
run_all
python3 "$here/format-results.py" --baselines java.util.concurrent.PriorityBlockingQueue --page "Priority queues: JMH results, JDK ${java_version%%.*}" -o "$page" "$out"
echo
echo "Done. Page: $page (add what the numbers say)."
