#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the synchronizer measurement (dev.interlock.benchmarks.sync: EventBenchmark against a flag under
# a ReentrantLock and a Condition, LatchBenchmark against java.util.concurrent.CountDownLatch,
# SemaphoreBenchmark against java.util.concurrent.Semaphore), with
# -prof gc and 3 forks (pingPong and countDown are contended), and writes into OUTPUT_DIR:
#   results-NAME.json                        JMH's JSON results (input of format-results.py), NAME one
#                                            of event, latch, semaphore
#   output-NAME.txt                          JMH's text output, as printed on the console
#   environment.txt                          java -version, nproc, CPU model, load, the git commit, the
#                                            jar's checksum and the exact command lines
# and then the results page OUTPUT_DIR.md (format-results.py --page). Its interpretation is left to
# a person.
#
# Usage: [SYNC_RUNS="event latch semaphore barrier"] benchmarks/run-sync.sh [--smoke] OUTPUT_DIR
# For the committed results, from the repository root:
#   benchmarks/run-sync.sh docs/benchmarks/sync-jdk17
#
# Build the jar first: ./mvnw -B -pl benchmarks -am package -DskipTests
# Full run: Event and Latch, 3 groups x 2 implementations each, and Semaphore, 3 groups x 2
# implementations x 2 modes: 24 trials of 3 forks of 8 s, about 12 minutes. Run it on a quiet machine: pingPong and countDown need both cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

runs=(${SYNC_RUNS:-event latch semaphore barrier}) # SYNC_RUNS="semaphore": a subset
command_for() { # the groups fix the threads
    local class
    case $1 in
        event) class=EventBenchmark ;;
        latch) class=LatchBenchmark ;;
        semaphore) class=SemaphoreBenchmark ;;
        barrier) class=BarrierBenchmark ;;
    esac
    cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" "\\.$class\\."
         "${jmh_timing[@]}" -prof gc -rf json -rff "$out/results-$1.json")
}
label_for() {
    case $1 in
        event) echo "EventBenchmark" ;;
        latch) echo "LatchBenchmark" ;;
        semaphore) echo "SemaphoreBenchmark" ;;
        barrier) echo "BarrierBenchmark" ;;
    esac
}

parse_arguments "$@"
page=${out%/}.md
command -v python3 > /dev/null || { echo "python3 not found: format-results.py needs it" >&2; exit 1; }
[[ ! -e $page ]] || { echo "$page already exists: move it away, so a page is never overwritten" >&2; exit 1; }
prepare
$smoke || jmh_timing=(-f 3 -wi 3 -i 5 -w 1s -r 1s) # contended groups: at least 3 forks
write_environment "# Synchronizer benchmark run"
run_all
python3 "$here/format-results.py" --baselines LockConditionEvent,java.util.concurrent.CountDownLatch,java.util.concurrent.Semaphore,java.util.concurrent.CyclicBarrier --page "Synchronizers: JMH results, JDK ${java_version%%.*}" -o "$page" "$out"
echo
echo "Done. Page: $page (add what the numbers say). Table alone: python3 $here/format-results.py --baselines LockConditionEvent,java.util.concurrent.CountDownLatch,java.util.concurrent.Semaphore,java.util.concurrent.CyclicBarrier $out"
