/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * Rate limiting: {@link dev.interlock.ratelimit.TokenBucket}, a lock-free, allocation-free token
 * bucket with exact integer arithmetic, blocking and timed acquisition with first-come,
 * first-served waiters, and a probe for HTTP 429 answers; {@link dev.interlock.ratelimit.TimeSource},
 * the clock it reads; and {@link dev.interlock.ratelimit.ManualTimeSource}, a clock that moves only
 * when told to, for tests.
 *
 * <p>The comments inside these classes name the memory ordering of each access in the project's one
 * vocabulary (plain, opaque, release/acquire, volatile, CAS and RMW), defined in
 * {@code docs/memory-ordering.md}. The algorithm, the evidence for its correctness, the benchmark
 * numbers and a comparison with Bucket4j and Guava's RateLimiter are in {@code docs/token-bucket.md}.
 */
package dev.interlock.ratelimit;
