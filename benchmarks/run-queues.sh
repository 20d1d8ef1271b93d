#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the full queue measurement (dev.interlock.benchmarks.queues): QueueBenchmark (offer+poll,
# 1 thread) and QueueTransferBenchmark (1 producer and 1 consumer), and writes into OUTPUT_DIR:
#   results-t1.json, results-transfer.json   JMH's JSON results (input of format-results.py)
#   output-t1.txt,   output-transfer.txt     JMH's text output, as printed on the console
#   environment.txt                    java -version, nproc, CPU model, load, the git commit, the
#                                      jar's checksum and the exact command lines
#
# Usage: benchmarks/run-queues.sh [--smoke] OUTPUT_DIR
#   --smoke  one fork, one short iteration: checks that everything runs; the numbers mean nothing.
#
# Build the jar first: ./mvnw -B -pl benchmarks -am package -DskipTests
# Full run: 10 implementations x 2 benchmarks = 20 trials of 2 forks of 8 s, about 7 minutes.
# Run it on a quiet machine.
set -euo pipefail

smoke=false
if [[ ${1:-} == --smoke ]]; then
    smoke=true
    shift
fi
[[ $# -eq 1 ]] || { echo "usage: $0 [--smoke] OUTPUT_DIR" >&2; exit 2; }
out=$1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$here/target/interlock-benchmarks.jar
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
[[ -f $jar ]] || { echo "$jar not found: build it first" >&2; exit 1; }
mkdir -p "$out"
[[ -z $(ls -A "$out") ]] || { echo "$out is not empty: give a new directory, so runs are never mixed" >&2; exit 1; }

java_version=$("$java_cmd" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
java_opts=()
if (( ${java_version%%.*} >= 24 )); then
    java_opts+=(--sun-misc-unsafe-memory-access=allow) # JMH's Unsafe warning; JDK 17 refuses the flag
fi
if $smoke; then
    jmh_timing=(-f 1 -wi 1 -i 1 -w 200ms -r 200ms)
else
    jmh_timing=(-f 2 -wi 3 -i 5 -w 1s -r 1s)
fi
command_for() {
    if [[ $1 == t1 ]]; then
        cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.QueueBenchmark\.'
             "${jmh_timing[@]}" -t 1 -prof gc -rf json -rff "$out/results-t1.json")
    else # the group fixes the threads: one producer, one consumer
        cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.QueueTransferBenchmark\.'
             "${jmh_timing[@]}" -prof gc -rf json -rff "$out/results-transfer.json")
    fi
}

{
    echo "# Queue benchmarks run$($smoke && echo ' (SMOKE: the numbers mean nothing)')"
    echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
    echo "nproc: $(nproc)"
    echo "CPU model name: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "git commit: $(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)$(
        [[ -n $(git -C "$here" status --porcelain 2>/dev/null) ]] && echo ' (work tree has uncommitted changes)')"
    echo "jar sha256: $(sha256sum "$jar" | cut -d' ' -f1)"
    echo
    echo "## java -version ($java_cmd)"
    "$java_cmd" -version 2>&1
    echo
    echo "## Command lines"
    for run in t1 transfer; do
        command_for "$run"
        printf '%q ' "${cmd[@]}"
        echo
    done
} > "$out/environment.txt"
cat "$out/environment.txt"

for run in t1 transfer; do
    command_for "$run"
    echo
    echo "=== $run: $(date -u '+%H:%M:%S') UTC"
    "${cmd[@]}" 2>&1 | tee "$out/output-$run.txt"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
echo "Done. Table: python3 $here/format-results.py $out"
