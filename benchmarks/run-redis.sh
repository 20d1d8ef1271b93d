#!/usr/bin/env bash
#
# Copyright 2026 the Interlock authors.
# SPDX-License-Identifier: Apache-2.0
#
# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
# except in compliance with the License. You may obtain a copy of the License at
# https://www.apache.org/licenses/LICENSE-2.0
#
# Runs the full RedisRateLimiterBenchmark measurement (dev.interlock.benchmarks.ratelimit) with 1, 4
# and 16 client threads, 3 forks each (contended), and writes into OUTPUT_DIR:
#   results-t1.json, results-t4.json, results-t16.json   JMH's JSON results (input of format-results.py)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/run-common.sh" # parse_arguments, prepare, write_environment, run_all

# RedisRateLimiterBenchmark: Interlock's RedisTokenBucket against Bucket4j's Lettuce proxy and Redisson's RRateLimiter, each fork on a
# redis-server of its own (redis-server on the PATH). 1, 4 and 16 client threads, 3 forks (contended).
runs=(t1 t4 t16) # the thread counts
command_for() {
    cmd=("$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -jar "$jar" '\.RedisRateLimiterBenchmark\.'
         "${jmh_timing[@]}" -t "${1#t}" -prof gc -rf json -rff "$out/results-$1.json")
}
label_for() {
    echo "${1#t} client thread(s)"
}

parse_arguments "$@"
prepare
$smoke || jmh_timing=(-f 3 -wi 3 -i 5 -w 1s -r 1s)   # 3 forks: the contended cases need them
write_environment "# RedisRateLimiterBenchmark run (3 forks)"
run_all
echo "Done. Table: python3 $here/format-results.py --baselines Bucket4jLettuce,RedissonRRateLimiter $out"
