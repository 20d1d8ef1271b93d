/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link RedisScriptExecutor} on a Lettuce connection to a standalone server or a cluster. A call waits
 * for its reply for at most the connection's command timeout, or {@link RedisScriptExecutor#LONGEST_WAIT}
 * if that is shorter or the timeout is zero or negative (Lettuce's "no timeout"), then cancels the
 * command. It is not interrupted while it waits: an interrupt is kept as the thread's status, so that a
 * caller such as {@link RedisTokenBucket#acquire(long)} learns the call's outcome before it reacts to
 * the interrupt.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create("redis://localhost:6379");
 * RedisScriptExecutor redis = LettuceScriptExecutor.of(client.connect());
 * }</pre>
 *
 * <p><b>Note:</b> Lettuce re-sends, after a reconnection, commands that were sent but not answered
 * (its at-least-once mode, the default). A token taken by such a command may then be taken twice, which
 * only under-admits. On a connection without reconnection (at-most-once) nothing is sent twice: a reply
 * lost with its connection is a {@link RedisUnavailableException}. docs/distributed-rate-limiting.md says
 * what each can lose.
 */
public final class LettuceScriptExecutor implements RedisScriptExecutor {
    private final RedisScriptingAsyncCommands<String, String> commands;
    private final long timeoutNanos;

    private LettuceScriptExecutor(RedisScriptingAsyncCommands<String, String> commands, Duration timeout) {
        this.commands = commands;
        boolean bounded = !timeout.isZero() && !timeout.isNegative() && timeout.compareTo(LONGEST_WAIT) < 0;
        this.timeoutNanos = (bounded ? timeout : LONGEST_WAIT).toNanos();
    }

    /**
     * An executor on a connection to a standalone server (or a primary), with its command timeout.
     *
     * @param connection the connection
     * @return the executor
     * @throws NullPointerException if {@code connection} is null
     */
    public static LettuceScriptExecutor of(StatefulRedisConnection<String, String> connection) {
        return new LettuceScriptExecutor(connection.async(), connection.getTimeout());
    }

    /**
     * An executor on a connection to a Redis Cluster, with its command timeout; the key's slot picks the node.
     *
     * @param connection the connection
     * @return the executor
     * @throws NullPointerException if {@code connection} is null
     */
    public static LettuceScriptExecutor of(StatefulRedisClusterConnection<String, String> connection) {
        return new LettuceScriptExecutor(connection.async(), connection.getTimeout());
    }

    @Override
    public long[] evaluate(String sha1, String script, String[] keys, String... arguments) {
        Objects.requireNonNull(script, "script");
        String key = keys[0];
        long deadline = System.nanoTime() + timeoutNanos;
        List<Object> reply;
        try {
            reply = await(commands.evalsha(sha1, ScriptOutputType.MULTI, keys, arguments), deadline, key);
        } catch (RedisNoScriptException notLoaded) {
            reply = await(commands.eval(script, ScriptOutputType.MULTI, keys, arguments), deadline, key);
        }
        long[] values = new long[reply.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (Long) reply.get(i);
        }
        return values;
    }

    /** Errors of a server that cannot serve now (loading, a busy script, a failover, out of memory): as if down. */
    private static boolean unavailable(String error) {
        if (error == null) {
            return false;
        }
        for (String prefix : UNAVAILABLE_ERRORS) {
            if (error.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> UNAVAILABLE_ERRORS =
            List.of("LOADING", "BUSY", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "OOM", "NOREPLICAS", "MISCONF");

    /** Waits for the reply until the deadline, keeping any interrupt for afterwards. */
    private static List<Object> await(RedisFuture<List<Object>> future, long deadline, String key) {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return future.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    future.cancel(true);                               // the server may still run it: see the class's Note
                    throw new RedisUnavailableException("Redis did not answer the script on " + key + " in time", e);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RedisNoScriptException) {
                        throw (RedisNoScriptException) cause;
                    }
                    if (cause instanceof RedisCommandExecutionException && !unavailable(cause.getMessage())) {
                        throw new RedisErrorReplyException(cause.getMessage(), cause);
                    }
                    throw new RedisUnavailableException("Redis did not answer the script on " + key, cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
