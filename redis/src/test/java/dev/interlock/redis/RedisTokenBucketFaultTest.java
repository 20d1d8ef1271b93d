/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server fails under load: {@code kill -9} and a restart, with and without an append-only file
 * fsynced at every write; {@code SCRIPT FLUSH}; and a stopped process ({@code SIGSTOP}). Each test has a
 * server of its own (but the flush, which is harmless to the others), on a loopback port, and is bounded
 * in time. Each bucket refills one token an hour, so every grant the run counts beyond the capacity
 * came from the fault.
 */
@ExtendWith(RedisServer.Extension.class)
@Timeout(120)
class RedisTokenBucketFaultTest {
    private static final long CAPACITY = 10;
    private static final int THREADS = 4;

    private static RedisTokenBucket bucket(RedisScriptExecutor redis, String name) {
        return RedisTokenBucket.builder().capacity(CAPACITY).refill(1, Duration.ofHours(1)).build(redis, name);
    }

    @Test
    void aRestartWithoutPersistenceGrantsAtMostTheCapacityMore() throws Exception {
        RedisServer server = RedisServer.startDedicated();
        try {
            long granted = grantsAcrossARestart(server);
            assertTrue(granted <= 2 * CAPACITY, "the first bucket, then a new one after the restart: " + granted);
            assertTrue(granted > CAPACITY, "the restarted server's new bucket granted too: " + granted);
        } finally {
            server.stop();
        }
    }

    @Test
    void aRestartWithAnAppendOnlyFileSyncedAtEveryWriteGrantsNothingMore(@TempDir Path data) throws Exception {
        RedisServer server = RedisServer.startDedicated("--appendonly", "yes", "--appendfsync", "always",
                "--dir", data.toString());
        try {
            long granted = grantsAcrossARestart(server);
            assertEquals(CAPACITY, granted, "the bucket came back as the last answered call left it");
            try (var files = Files.list(data)) {
                assertTrue(files.findAny().isPresent(), "the server wrote its append-only file");
            }
        } finally {
            server.stop();
        }
    }

    /**
     * Threads try on one bucket over two connections; the server is killed with SIGKILL after 0.5 s and
     * restarted 0.5 s later; the threads go on until both connections have had calls answered by the new
     * server (Lettuce reconnects with a growing delay), and 0.5 s more. Returns the grants counted; calls
     * that failed meanwhile (the connections' 500 ms timeout, or no connection) count as none.
     */
    private static long grantsAcrossARestart(RedisServer server) throws Exception {
        List<RedisTokenBucket> buckets = List.of(
                bucket(LettuceScriptExecutor.of(server.connect(Duration.ofMillis(500))), "restart"),
                bucket(LettuceScriptExecutor.of(server.connect(Duration.ofMillis(500))), "restart"));
        AtomicLong granted = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicLongArray answeredAfterRestart = new AtomicLongArray(buckets.size());
        AtomicBoolean restarted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int connection = t % buckets.size();
            RedisTokenBucket bucket = buckets.get(connection);
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    try {
                        boolean afterRestart = restarted.get();
                        if (bucket.tryAcquire()) {
                            granted.incrementAndGet();
                        }
                        if (afterRestart) {
                            answeredAfterRestart.incrementAndGet(connection);
                        }
                    } catch (RedisUnavailableException down) {
                        unavailable.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                    Thread.yield();
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(500);
        server.kill9();
        Thread.sleep(500);
        server.restart();
        restarted.set(true);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((answeredAfterRestart.get(0) == 0 || answeredAfterRestart.get(1) == 0) && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        Thread.sleep(500);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(answeredAfterRestart.get(0) > 0 && answeredAfterRestart.get(1) > 0,
                "both connections came back within 30 s of the restart");
        if (!failures.isEmpty()) {
            throw new AssertionError("a client failed otherwise than unavailable", failures.peek());
        }
        assertTrue(unavailable.get() > 0, "the clients saw the server down");
        return granted.get();
    }

    @Test
    void scriptFlushUnderLoadFailsNoRequest(RedisServer server) throws Exception {
        RedisCommands<String, String> admin = server.connect(Duration.ofSeconds(10)).sync();
        RedisTokenBucket shared = RedisTokenBucket.builder().capacity(100_000).refill(1, Duration.ofHours(1))
                .build(server.executor(), "flush-" + System.nanoTime());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong granted = new AtomicLong();
        long end = System.nanoTime() + 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(new Thread(() -> {
                while (System.nanoTime() - end < 0) {
                    try {
                        if (shared.tryAcquire()) {
                            granted.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        int flushes = 0;
        while (System.nanoTime() - end < 0) {
            admin.scriptFlush();
            flushes++;
            Thread.sleep(20);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(failures.isEmpty(), "no request failed across " + flushes + " flushes: " + failures.peek());
        assertTrue(granted.get() < 100_000, "the bucket never ran dry: " + granted.get());
        assertEquals(100_000 - granted.get(), shared.availableTokens(), "every grant took one token, once");
    }

    @Test
    void aReplyLostWithItsConnectionIsReportedOrRetriedAndNeverGrantedTwice(RedisServer server) throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.port())) {
            RedisScriptExecutor viaProxy = LettuceScriptExecutor.of(server.connect(proxy.port(), Duration.ofSeconds(5)));
            String name = "dropped-" + System.nanoTime();
            RedisTokenBucket bucket = bucket(viaProxy, name);
            RedisTokenBucket direct = bucket(server.executor(), name);
            assertTrue(bucket.tryAcquire(), "the script is loaded and the key made before the faults");
            int granted = 0;
            int unknown = 0;
            for (int i = 0; i < 3; i++) {
                proxy.dropNextReply();
                try {
                    if (bucket.tryAcquire()) {
                        granted++;
                    }
                } catch (RedisUnavailableException reported) {
                    unknown++;
                }
            }
            assertEquals(3, proxy.dropped());
            assertEquals(3, granted + unknown);
            long taken = CAPACITY - 1 - level(direct);
            System.out.println("three replies lost: granted " + granted + ", reported unknown " + unknown + ", tokens taken "
                    + taken);
            assertTrue(taken >= granted, "granted " + granted + ", reported unknown " + unknown + ", taken " + taken
                    + ": a grant the caller sees is a token the server took");

            RedisTokenBucket waiting = RedisTokenBucket.builder().capacity(CAPACITY).refill(1, Duration.ofHours(1))
                    .initialTokens(0).build(viaProxy, name + "-refund");
            RedisTokenBucket.Reply reserved = waiting.call(RedisTokenBucket.Operation.RESERVE, 1, "", "",
                    RedisTokenBucket.SERVER_CLOCK);
            String refund = reserved.epoch + ":" + reserved.reservation + ":" + (reserved.nowMicros + 3_600_000_000L);
            proxy.dropNextReply();
            try {
                assertEquals(RedisTokenBucket.REFUND_IGNORED, waiting.call(RedisTokenBucket.Operation.REFUND, 1, "", refund,
                        RedisTokenBucket.SERVER_CLOCK).status, "the replayed refund finds its mark");
            } catch (RedisUnavailableException reported) {
                // not replayed: reported as unknown
            }
            assertEquals(0, level(waiting), "the refund applied once, whether or not the client sent it again");
        }
    }

    /**
     * Lettuce's at-most-once mode (no reconnection) never sends a command twice: a reply lost with its
     * connection is reported as {@link RedisUnavailableException}, and the call ran exactly once.
     */
    @Test
    void atMostOnceALostReplyIsReportedAndTheCallRanOnce(RedisServer server) throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(server.port())) {
            String name = "at-most-once-" + System.nanoTime();
            RedisTokenBucket direct = bucket(server.executor(), name);
            assertTrue(direct.tryAcquire(), "the script is loaded and the key made before the faults");
            ClientOptions atMostOnce = ClientOptions.builder().autoReconnect(false).build();
            for (int i = 0; i < 3; i++) {
                RedisTokenBucket viaProxy = bucket(LettuceScriptExecutor.of(
                        server.connect(proxy.port(), Duration.ofSeconds(5), atMostOnce)), name);
                viaProxy.availableTokens();                            // the connection's handshake is over
                proxy.dropNextReply();
                assertThrows(RedisUnavailableException.class, viaProxy::tryAcquire, "the outcome is unknown, and said so");
            }
            assertEquals(3, proxy.dropped());
            assertEquals(CAPACITY - 1 - 3, level(direct), "each lost call took its token once, and nobody was granted it");
        }
    }

    private static long level(RedisTokenBucket bucket) {
        return bucket.call(RedisTokenBucket.Operation.PEEK, 1, "", "", RedisTokenBucket.SERVER_CLOCK).level;
    }

    @Test
    void aStoppedServerTimesTheCallOutAndGrantsNothingTwice() throws Exception {
        RedisServer server = RedisServer.startDedicated();
        try {
            RedisTokenBucket bucket = bucket(LettuceScriptExecutor.of(server.connect(Duration.ofMillis(200))), "stopped");
            assertTrue(bucket.tryAcquire());
            server.signal("STOP");
            try {
                assertThrows(RedisUnavailableException.class, bucket::tryAcquire);
            } finally {
                server.signal("CONT");
            }
            Thread.sleep(200);
            long left = bucket(server.executor(), "stopped").availableTokens();
            assertTrue(left == CAPACITY - 1 || left == CAPACITY - 2,
                    "the timed-out call took its token or none, never two: " + left);
        } finally {
            server.stop();
        }
    }
}
