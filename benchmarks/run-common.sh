# shellcheck shell=bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# The part of a benchmark run script that is the same for every family: sourced by run-queues.sh,
# run-ratelimit.sh and run-stacks.sh, never run on its own. A script that sources it defines
#   runs          an array of run names, in order; run NAME writes output-NAME.txt
#   command_for   a function: command_for NAME fills the array "cmd" with the command line of run
#                 NAME (it may use $out, $jar, $java_cmd and the arrays java_opts and jmh_timing)
#   label_for     a function: label_for NAME prints the run's name for the console line
#                 "=== LABEL: HH:MM:SS UTC"
# and then calls, in this order:
#   parse_arguments "$@"         [--smoke] OUTPUT_DIR: sets smoke and out
#   prepare                      sets here, jar, java_cmd, java_opts and jmh_timing; checks that the
#                                jar exists and that OUTPUT_DIR is new or empty (creates it)
#   write_environment "# TITLE"  writes OUTPUT_DIR/environment.txt (TITLE is its first line) and
#                                prints it
#   run_all                      runs every run, tee-ing JMH's output into OUTPUT_DIR/output-NAME.txt,
#                                then appends the load average at the end to environment.txt
# The smoke timing is one fork, one warm-up and one measurement iteration of 200 ms (the numbers
# mean nothing); the full timing is 2 forks of 3 warm-up and 5 measurement iterations of 1 s.

parse_arguments() {
    smoke=false
    if [[ ${1:-} == --smoke ]]; then
        smoke=true
        shift
    fi
    [[ $# -eq 1 ]] || { echo "usage: $0 [--smoke] OUTPUT_DIR" >&2; exit 2; }
    out=$1
}

prepare() {
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
}

write_environment() { # TITLE
    {
        echo "$1$($smoke && echo ' (SMOKE: the numbers mean nothing)')"
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
        for run in "${runs[@]}"; do
            command_for "$run"
            printf '%q ' "${cmd[@]}"
            echo
        done
    } > "$out/environment.txt"
    cat "$out/environment.txt"
}

run_all() {
    for run in "${runs[@]}"; do
        command_for "$run"
        echo
        echo "=== $(label_for "$run"): $(date -u '+%H:%M:%S') UTC"
        "${cmd[@]}" 2>&1 | tee "$out/output-$run.txt"
    done
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/environment.txt"
}
