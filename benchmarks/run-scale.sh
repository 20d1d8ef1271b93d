#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs ScaleBenchmark (the blocking primitives at 2 to 1,000 platform threads and 10,000 virtual
# threads, each beside its JDK peer) in FORKS forks per workload, each subject in a JVM of its own
# (as JMH forks each benchmark; the subjects' order rotates from fork to fork), appending every
# measurement to OUTPUT_DIR/<workload>.csv, and writes OUTPUT_DIR/environment.txt. Then
#   python3 benchmarks/format-scale.py OUTPUT_DIR --page TITLE -o docs/benchmarks/scale-jdkNN.md
# makes the results page and its charts. Needs JDK 21+ for the virtual threads (JAVA_HOME).
#
# usage: benchmarks/run-scale.sh [--smoke] OUTPUT_DIR [WORKLOAD...]
#   --smoke   one fork, no warm-up, one 200 ms round per point: checks the harness, measures nothing
#   WORKLOAD  mutex, rw90, rw99, queues, ratelimit, semaphore (default: all six)
set -euo pipefail

smoke=false
if [[ ${1:-} == --smoke ]]; then
    smoke=true
    shift
fi
[[ $# -ge 1 ]] || { echo "usage: $0 [--smoke] OUTPUT_DIR [WORKLOAD...]" >&2; exit 2; }
out=$1
shift
workloads=("$@")
(( ${#workloads[@]} )) || workloads=(mutex rw90 rw99 queues ratelimit semaphore)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$here/target/interlock-benchmarks.jar
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
[[ -f $jar ]] || { echo "$jar not found: build it first (./mvnw -B -pl benchmarks -am -DskipTests -DskipITs package)" >&2; exit 1; }
mkdir -p "$out"
[[ -z $(ls -A "$out") ]] || { echo "$out is not empty: give a new directory, so runs are never mixed" >&2; exit 1; }

threads=2,16,64,256,1000,v10000
if $smoke; then
    forks=1 timing=(--warmup 0 --rounds 1 --millis 200)
else
    forks=3 timing=(--warmup 1 --rounds 3 --millis 700)
fi

{
    echo "# ScaleBenchmark: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
    echo "cpu: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "jdk: $("$java_cmd" -version 2>&1 | head -n 2 | tail -n 1)"
    echo "code: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$here" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "threads: $threads; forks: $forks, each subject in a JVM of its own; ${timing[*]}; bound 30 s per stop"
    echo "command: $0 $([[ $smoke == true ]] && echo '--smoke ')$out ${workloads[*]}"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/environment.txt"

for workload in "${workloads[@]}"; do
    list=$("$java_cmd" -cp "$jar" dev.interlock.benchmarks.scale.ScaleBenchmark --workload "$workload" --list)
    mapfile -t subjects <<< "$list"
    [[ -n ${subjects[0]:-} ]] || { echo "workload $workload has no subjects" >&2; exit 1; }
    for fork in $(seq 1 "$forks"); do
        echo "=== $workload, fork $fork: $(date -u '+%H:%M:%S') UTC"
        for i in "${!subjects[@]}"; do
            subject=${subjects[$(( (i + fork - 1) % ${#subjects[@]} ))]}
            "$java_cmd" -Xss512k -cp "$jar" dev.interlock.benchmarks.scale.ScaleBenchmark --workload "$workload" \
                --subject "$subject" --threads "$threads" --fork "$fork" "${timing[@]}" --bound-seconds 30 \
                --out "$out/$workload.csv" | tee -a "$out/output-$workload.txt"
        done
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
