/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import java.time.Duration;

/**
 * What {@link RedisTokenBucket} needs of a Redis client: to run one Lua script on its keys, by its
 * SHA-1. {@link LettuceScriptExecutor} is the implementation for Lettuce; another client needs only
 * this method.
 *
 * <p>An implementation must be safe to call from many threads at once, and must not be cut short by an
 * interrupt: it keeps the interrupt as the thread's status and returns the reply, so that the caller
 * knows what the server did before it reacts. It may send a call again after a lost connection, as
 * Lettuce does: the script is written so that a call run twice can only under-admit (a take or a
 * reservation takes twice; a refund is applied once). It must not return a reply later than
 * {@link #LONGEST_WAIT} after the call began: the answer to a refund is exact only for so long (see
 * "Refunds" in {@link RedisTokenBucket}'s implementation notes).
 */
public interface RedisScriptExecutor {

    /** The longest a call may wait for its reply, re-sends included: five minutes. */
    Duration LONGEST_WAIT = Duration.ofMinutes(5);

    /**
     * Runs the script with {@code EVALSHA}; if the server answers {@code NOSCRIPT} (after a restart, a
     * failover or a {@code SCRIPT FLUSH}), sends the script itself with {@code EVAL}, so that the call
     * still succeeds. Returns the script's reply, an array of integers.
     *
     * @param sha1 the script's SHA-1, in lower-case hexadecimal
     * @param script the script's text
     * @param keys the keys the script touches ({@code KEYS}), which share a hash tag; not to be modified
     * @param arguments the script's {@code ARGV}
     * @return the integers of the reply, in order
     * @throws RedisUnavailableException if the server could not be reached, or did not answer in time
     * @throws RedisErrorReplyException if the server answered with an error
     */
    long[] evaluate(String sha1, String script, String[] keys, String... arguments);
}
