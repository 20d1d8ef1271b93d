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
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

runs=(t1 transfer)
command_for() {
    if [[ $1 == t1 ]]; then
        cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.QueueBenchmark\.'
             "${jmh_timing[@]}" -t 1 -prof gc -rf json -rff "$out/results-t1.json")
    else # the group fixes the threads: one producer, one consumer
        cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.QueueTransferBenchmark\.'
             "${jmh_timing[@]}" -prof gc -rf json -rff "$out/results-transfer.json")
    fi
}
label_for() {
    echo "$1"
}

parse_arguments "$@"
prepare
write_environment "# Queue benchmarks run"
run_all
echo "Done. Table: python3 $here/format-results.py $out"
