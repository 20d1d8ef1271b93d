#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the full RateLimiterBenchmark measurement (dev.interlock.benchmarks.ratelimit) with 1 and
# then 2 threads, and writes into OUTPUT_DIR:
#   results-t1.json, results-t2.json   JMH's JSON results (input of format-results.py)
#   output-t1.txt,   output-t2.txt     JMH's text output, as printed on the console
#   environment.txt                    java -version, nproc, CPU model, load, the git commit, the
#                                      jar's checksum and the exact command lines
#
# Usage: benchmarks/run-ratelimit.sh [--smoke] OUTPUT_DIR
#   --smoke  one fork, one short iteration: checks that everything runs; the numbers mean nothing.
#
# Build the jar first: ./mvnw -B -pl benchmarks -am package -DskipTests
# Full run: 5 implementations x 2 bucket states x 2 thread counts = 20 trials of 2 forks of 8 s,
# about 6 minutes. Run it on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

runs=(t1 t2) # the thread counts
command_for() {
    cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.RateLimiterBenchmark\.'
         "${jmh_timing[@]}" -t "${1#t}" -prof gc -rf json -rff "$out/results-$1.json")
}
label_for() {
    echo "${1#t} thread(s)"
}

parse_arguments "$@"
prepare
write_environment "# RateLimiterBenchmark run"
run_all
echo "Done. Table: python3 $here/format-results.py $out"
