#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the full stack measurement (dev.interlock.benchmarks.stacks): StackBenchmark (every thread
# pushes then pops on one shared stack) with 1, 2 and then 4 threads (uncontended; contended;
# oversubscribed on a 2-core machine), then StackTransferBenchmark (1 pusher and 1 popper), all with
# -prof gc, and writes into OUTPUT_DIR:
#   results-t1.json, results-t2.json, results-t4.json, results-transfer.json
#                                      JMH's JSON results (input of format-results.py)
#   output-t1.txt, output-t2.txt, output-t4.txt, output-transfer.txt
#                                      JMH's text output, as printed on the console
#   environment.txt                    java -version, nproc, CPU model, load, the git commit, the
#                                      jar's checksum and the exact command lines
# and then the results page OUTPUT_DIR.md (format-results.py --page): machine, JDK, commands and
# the table. Its interpretation is left to a person.
#
# Usage: benchmarks/run-stacks.sh [--smoke] OUTPUT_DIR
#   --smoke  one fork, one short iteration: checks that everything runs; the numbers mean nothing.
# For the committed results, from the repository root:
#   benchmarks/run-stacks.sh docs/benchmarks/stacks-jdk17
#
# Build the jar first: ./mvnw -B -pl benchmarks -am package -DskipTests
# Full run: 5 implementations x (3 thread counts + the transfer group) = 20 trials of 2 forks of
# 8 s, plus about 1 s of JVM start-up per fork: about 6 to 7 minutes. Run it on a quiet machine:
# with 2 cores, anything else running distorts everything but the 1-thread results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

runs=(t1 t2 t4 transfer)
command_for() {
    if [[ $1 == transfer ]]; then # the group fixes the threads: one pusher, one popper
        cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.StackTransferBenchmark\.'
             "${jmh_timing[@]}" -prof gc -rf json -rff "$out/results-transfer.json")
    else
        cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.StackBenchmark\.'
             "${jmh_timing[@]}" -t "${1#t}" -prof gc -rf json -rff "$out/results-$1.json")
    fi
}
label_for() {
    if [[ $1 == transfer ]]; then
        echo "StackTransferBenchmark, 1 pusher and 1 popper"
    else
        echo "StackBenchmark, ${1#t} thread(s)"
    fi
}

parse_arguments "$@"
page=${out%/}.md
# Check before the run what would make it fail at the end.
command -v python3 > /dev/null || { echo "python3 not found: format-results.py needs it" >&2; exit 1; }
[[ ! -e $page ]] || { echo "$page already exists: move it away, so a page is never overwritten" >&2; exit 1; }
prepare
write_environment "# Stack benchmarks run"
run_all
python3 "$here/format-results.py" --page "Stacks: JMH results, JDK ${java_version%%.*}" -o "$page" "$out"
echo
echo "Done. Page: $page (add what the numbers say). Table alone: python3 $here/format-results.py $out"
