#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the full LockBenchmark measurement (dev.interlock.benchmarks.locks), or with
# --class ReadWriteLockBenchmark the reader-writer one, with 1, 2 and then 4 threads
# (uncontended; contended; oversubscribed on a 2-core machine), and writes into OUTPUT_DIR:
#   results-t1.json, results-t2.json, results-t4.json   JMH's JSON results (input of format-results.py)
#   output-t1.txt,   output-t2.txt,   output-t4.txt     JMH's text output, as printed on the console
#   environment.txt                    java -version, nproc, CPU model and topology, load, the
#                                      git commit, the jar's checksum and the exact command lines
#
# Usage: benchmarks/run-locks.sh [--class LockBenchmark|ReadWriteLockBenchmark] [--smoke|--short] OUTPUT_DIR
#   --smoke  one fork, one short iteration: checks that everything runs; the numbers mean nothing.
#   --short  the full iterations, but one fork (and, for LockBenchmark, csWork=0 only: 36 trials,
#            about 6 minutes).
#
# Build the jar first: ./mvnw -B -pl benchmarks package
# The java on PATH is used, or $JAVA_HOME/bin/java when JAVA_HOME is set.
# Full run: 12 implementations x 2 csWork values x 3 thread counts = 72 trials of 2 forks each; a
# fork is 8 s of iterations plus about 1 s of JVM start-up, so about 22 to 25 minutes in all. With
# 4 threads the FIFO spin locks (TicketLock, ClhLock, McsLock) collapse by design (see the class
# comment of LockBenchmark): that shows in their scores, not in the run time.
# ReadWriteLockBenchmark: 7 implementations x 2 read mixes x 3 thread counts = 42 trials of 2 forks,
# about 13 minutes.
# Run it on a quiet machine: with 2 cores, anything else running distorts the 2- and 4-thread results.
set -euo pipefail

usage() {
    echo "usage: $0 [--class LockBenchmark|ReadWriteLockBenchmark] [--smoke|--short|--vs-jdk] OUTPUT_DIR" >&2
    exit 2
}

class=LockBenchmark
if [[ ${1:-} == --class ]]; then
    [[ ${2:-} == LockBenchmark || ${2:-} == ReadWriteLockBenchmark ]] || usage
    class=$2
    shift 2
fi
smoke=false
short=false
vs_jdk=false
if [[ ${1:-} == --smoke ]]; then
    smoke=true
    shift
elif [[ ${1:-} == --short ]]; then
    short=true
    shift
elif [[ ${1:-} == --vs-jdk ]]; then
    vs_jdk=true
    shift
fi
[[ $# -eq 1 ]] || usage
out=$1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar=$here/target/interlock-benchmarks.jar
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

if [[ ! -f $jar ]]; then
    echo "$jar not found: build it first with ./mvnw -B -pl benchmarks package" >&2
    exit 1
fi

mkdir -p "$out"
for name in environment.txt results-t1.json results-t2.json results-t4.json \
            output-t1.txt output-t2.txt output-t4.txt; do
    if [[ -e $out/$name ]]; then
        echo "$out/$name already exists: give an empty or new directory, so runs are never mixed" >&2
        exit 1
    fi
done

# JDK 24+ warns when JMH uses sun.misc.Unsafe; the flag silences it, and the forks
# inherit it from this JVM. JDK 17 refuses the flag, so add it only where it exists.
java_version=$("$java_cmd" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '/java.specification.version/ { print $2 }')
java_opts=()
if (( ${java_version%%.*} >= 24 )); then
    java_opts+=(--sun-misc-unsafe-memory-access=allow)
fi

# The regular expression selects exactly one class: '\.LockBenchmark\.' does not match
# ReadWriteLockBenchmark.
if $smoke; then
    jmh_timing=(-f 1 -wi 1 -i 1 -w 200ms -r 200ms)
elif $short && [[ $class == LockBenchmark ]]; then
    jmh_timing=(-f 1 -wi 3 -i 5 -w 1s -r 1s -p csWork=0)
elif $short; then
    jmh_timing=(-f 1 -wi 3 -i 5 -w 1s -r 1s)
elif $vs_jdk && [[ $class == LockBenchmark ]]; then
    # The parking locks against their JDK peers only, with 3 forks, so that contended error bars allow a conclusion.
    jmh_timing=(-f 3 -wi 3 -i 5 -w 1s -r 1s -p implementation=ReentrantMutex,ReentrantMutexFair,ReentrantLock,ReentrantLockFair)
elif $vs_jdk; then
    jmh_timing=(-f 3 -wi 3 -i 5 -w 1s -r 1s
                -p implementation=ReadWriteMutex,ReadWriteMutexFair,ReentrantReadWriteLock,ReentrantReadWriteLockFair,StampedLockRead)
else
    jmh_timing=(-f 2 -wi 3 -i 5 -w 1s -r 1s)
fi

command_for() { # THREADS: prints nothing; fills the array "cmd"
    cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" "\\.$class\\."
         "${jmh_timing[@]}" -t "$1" -prof gc -rf json -rff "$out/results-t$1.json")
}

{
    echo "# $class run$($smoke && echo ' (SMOKE: one short iteration; the numbers mean nothing)')$($short && echo ' (SHORT: one fork, csWork=0 only)')$($vs_jdk && echo ' (VS-JDK: the parking locks and their JDK peers, 3 forks)')"
    echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
    echo "nproc: $(nproc)"
    echo "CPU model name: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
    lscpu | grep -E '^(Thread\(s\) per core|Core\(s\) per socket|Socket\(s\)|NUMA node\(s\)|Hypervisor vendor):' || true
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "git commit: $(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)$(
        [[ -n $(git -C "$here" status --porcelain 2>/dev/null) ]] && echo ' (work tree has uncommitted changes)')"
    echo "jar sha256: $(sha256sum "$jar" | cut -d' ' -f1)"
    echo
    echo "## java -version ($java_cmd)"
    "$java_cmd" -version 2>&1
    echo
    echo "## Command lines"
    for threads in 1 2 4; do
        command_for "$threads"
        printf '%q ' "${cmd[@]}"
        echo
    done
} > "$out/environment.txt"
cat "$out/environment.txt"

for threads in 1 2 4; do
    command_for "$threads"
    echo
    echo "=== $threads thread(s): $(date -u '+%H:%M:%S') UTC"
    "${cmd[@]}" 2>&1 | tee "$out/output-t$threads.txt"
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
echo
echo "Done. Table: python3 $here/format-results.py $out   (ratios to the peers)"
