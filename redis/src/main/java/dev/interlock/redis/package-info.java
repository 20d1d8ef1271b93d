/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * A cluster-wide token bucket on Redis or Valkey: {@link dev.interlock.redis.RedisTokenBucket}, with
 * the API of {@link dev.interlock.ratelimit.TokenBucket} and its exact arithmetic, run by the server in
 * one round trip on the server's clock. See docs/distributed-rate-limiting.md.
 */
package dev.interlock.redis;
