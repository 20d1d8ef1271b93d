/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import dev.interlock.ratelimit.TimeSource;
import dev.interlock.ratelimit.TokenBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket shared by every process that uses the same Redis (or Valkey) key: the model, the
 * arithmetic and the API of {@link TokenBucket}, for a limit that holds across a cluster.
 *
 * <pre>{@code
 * RedisScriptExecutor redis = LettuceScriptExecutor.of(redisClient.connect());
 * RedisTokenBucketFamily perUser = RedisTokenBucket.builder()
 *         .capacity(20)
 *         .refill(10, Duration.ofSeconds(1))
 *         .buildFamily(redis, "api");
 * TokenBucket.Probe probe = perUser.bucket(userId).tryAcquireAndProbe(1);
 * }</pre>
 *
 * <p><b>The model</b> is {@link TokenBucket}'s, with the same conformance bound, counted on the
 * server's clock ({@code TIME}, in microseconds), never a client's: clients whose clocks differ see one
 * bucket. Each call is one script run by the server: one round trip, and atomic, so calls from all
 * clients are linearizable in the order the server ran them.
 *
 * <p><b>A new bucket and an idle one.</b> A key that does not exist is a bucket created at the call,
 * holding {@code initialTokens}. Each write makes the key expire when the bucket will be full again
 * (with {@link Builder#confirmReservations()}, no earlier than 10 minutes past the latest due time of
 * its reservations), so that idle keys cost no memory. An expired key therefore comes back with {@code initialTokens}
 * instead of its full capacity: never more.
 *
 * <p><b>Note:</b> unlike {@link TokenBucket}, the initial tokens default to the capacity, because an
 * expired key is created anew: with 0, a user who came back after an idle hour would find an empty
 * bucket rather than a full one.
 *
 * <p><b>Waiting.</b> {@link #acquire(long)} and {@link #tryAcquire(long, Duration)} reserve their tokens
 * in the same call: the bucket goes into debt, so waiters are served in the order the server received
 * them and a {@code tryAcquire} cannot take what a waiter was promised. The call returns the exact
 * wait, and the thread parks once; nothing polls Redis (with {@link Builder#confirmReservations()} it
 * then confirms its reservation, and reserves again only if it was lost). An interrupted waiter gives
 * back every token it reserved, as {@link TokenBucket}'s does, but a waiter behind it still waits its
 * own full time, so the tokens given back may go to a newcomer first.
 *
 * <p><b>Redis unavailable.</b> This class never retries a call, and a call the client sends again can
 * only under-admit (see {@link RedisScriptExecutor}), so nothing is granted twice. What the caller
 * gets is the builder's {@link UnavailablePolicy}: by default {@link RedisUnavailableException} (fail
 * closed); fail open, or a local {@link TokenBucket}, on request.
 *
 * <p><b>Configuration.</b> The configuration is stored with the key. Using the key with another
 * configuration throws {@link IllegalStateException}, unless the bucket was built with
 * {@link Builder#migrate()}, which moves the key to the new configuration.
 *
 * <p><b>Limits.</b> Redis computes in doubles, exact to 2^53. The builder refuses a configuration that
 * could leave that range, naming the limit, and a reservation that would push the debt past it throws
 * {@link IllegalStateException}.
 *
 * <p><b>Memory consistency effects:</b> none in the JVM; the bucket is not a lock.
 *
 * <p><b>Progress:</b> each call is one round trip to Redis (a wait under confirmation, two); the
 * waiting methods also park.
 *
 * <p><b>Bad calls</b> change nothing and throw at once: {@link IllegalArgumentException} for permits
 * that are not positive or exceed the capacity; {@link NullPointerException} for a null argument.
 */
public final class RedisTokenBucket {
    /*
     * Implementation notes.
     *
     * The script (token-bucket.lua, in this package's resources) keeps TokenBucket's state in a form
     * that stays small. TokenBucket counts produced(t) = floor((t - origin) * T / P) from its origin;
     * here a hash keeps the level (tokens in the bucket, negative while waiters are owed tokens), the
     * carry (the fraction of the next token, as a numerator over step) and the base (the time they
     * describe). A call at time now adds floor((carry + (now - base) * rate) / step) tokens, caps the
     * level at the capacity, keeps the new carry and moves the base to now: the sum of the parts
     * telescopes to TokenBucket's produced(t), so the two compute the same numbers, with no origin
     * that grows (rebasing). Capping at each call equals TokenBucket's lazy cap, max(consumed,
     * produced - capacity).
     *
     * Units. The server's clock counts microseconds; TokenBucket's counts nanoseconds. The builder
     * reduces the rate tokens / periodNanos to lowest terms twice: T / P, then rate / step =
     * 1000 T / P in lowest terms, tokens per microsecond. At a time that is a whole number of
     * microseconds the two count the same tokens, and the waits agree to the nanosecond: TokenBucket's
     * carry is g times this one (g = gcd(1000, P)), so its wait ceil((m P - r) / T) ns equals
     * ceil(1000 (m step - carry) / rate) ns, which this class computes from the script's shortfall
     * m step - carry.
     *
     * Exactness. Every number the script computes is an integer below 2^53, so every double in it is
     * exact: step (rate + 1) <= 2^52 and capacity step < 2^51 (the builder's checks), the debt
     * (capacity - level) step < 2^52 (the script's; a migration with debt is refused), the clock in
     * microseconds below 2^53 until the year 2255. Products that could pass it are split:
     * (now - base) = periods step + rest. A quotient's floor is exact below 2^53 (divide in the script
     * says why). Numbers become strings only through %d, which casts to a 64-bit integer.
     *
     * Expiry. Each write sets PEXPIREAT to the time the level reaches the capacity (or k, if later; see
     * Confirmation), counted from the
     * state's time (base, which a clock that stepped back leaves ahead of now), rounded up to a
     * millisecond. A missing key is a new bucket with initialTokens <= capacity and a carry of 0, so an
     * expiry never adds a token or brings the next one sooner. A key lost before it was full (a restart
     * without persistence, eviction, FLUSHALL, a failover to a replica behind) can over-admit: by the
     * capacity, plus the reservations it owed, which their waiters still take at their due times: a waiter
     * parks once and never asks again (RedisTokenBucketWaitingTest deletes the key under one), unless
     * reservations are confirmed.
     *
     * Confirmation (confirmReservations). A reservation also adds the mark epoch:n:due:permits to a sorted
     * set on the same hash tag, by due time; the waiter, at its due time, removes it (confirm) and takes its
     * tokens only if it was there and the bucket still has the mark's epoch (a bucket key evicted or
     * deleted alone leaves the marks). The bucket's key lives as long as its marks, REFUND_MEMORY past the
     * latest due time of its reservations (the field k), not only until it is full: a confirmation always
     * arrives after the due time, and must find its bucket; a failed epoch test then means a real loss.
     * A mark is lost with the state that made it: a restart without
     * persistence, a flush, a replica or a restore from before the reservation. Every mark in a state
     * stands for a reservation that state counted, and lets one waiter through, so the grants never pass
     * the state's own count. (A state rolled back keeps its epoch and reuses n; a new reservation of the
     * same permits from the same level gets the same due time, the grid's, so the same mark: the lost
     * waiter takes it, and the new one, finding none, reserves again.) It is not lost when the
     * bucket's key expires: the set expires REFUND_MEMORY after its latest due time, and each reservation
     * trims the marks older than that. A lost reservation is made again, so the waiter is late and its
     * tokens come from the new state; nothing is granted twice. A confirmation sent twice (Lettuce's
     * replay) finds no mark the second time: that waiter reserves again, which only under-admits. The
     * confirmation is handled before the configuration check, so it neither fails nor writes the bucket.
     * A refund takes the mark too, and gives back nothing without it: the epoch and n tests alone would
     * let a state rolled back to the same epoch, which has reused n, take back tokens it never reserved.
     * A server clock that jumps ahead past REFUND_MEMORY drops the marks: every waiter then reserves
     * again, which only under-admits; so does a copy of a refund that was answered "too late" (the first
     * took the mark, so the copy answers "ignored", and the waiter throws with its tokens spent). Every
     * client of a key must confirm: one that does not honours its own lost reservations.
     *
     * Refunds. A reservation returns the bucket's epoch (the key's creation time) and its number n in
     * the bucket; the refund passes both back with the time the tokens are due. The script applies a
     * refund once, only to the bucket that reserved (the epoch), not to a state older than the
     * reservation (n), and only before the due time: after it, the waiter has its tokens, as
     * TokenBucket's waiter has once its wait is over. "Once" is a mark in a second key on the same hash
     * tag, a sorted set by due time, trimmed at each refund and expiring with its latest mark: a mark is
     * kept for REFUND_MEMORY (10 minutes) past its due time. So the marks are bounded by the refunds of
     * 10 minutes, and a copy of a refund (Lettuce's at-least-once replay) never gives twice: with its mark
     * it is ignored, and without it base >= due, so it is refused and changes nothing. What the mark
     * makes exact is the answer: the waiter, which sent its refund before the due time and reads the
     * reply within RedisScriptExecutor.LONGEST_WAIT (5 minutes), must not be told "refused" (take your
     * tokens) for tokens an earlier copy gave back; any copy whose reply it can read ran within 5 minutes
     * of the due time, when the mark is still there. Exceptions: a server clock that jumps ahead by more
     * than the margin in between. A re-sent take or reservation takes twice, which only under-admits.
     *
     * References: TokenBucket's notes (the model, GCRA); the Redis manual, "Scripting with Lua"
     * (EVALSHA, NOSCRIPT, TIME and effects replication) and "EXPIRE".
     * Evidence: RedisTokenBucketTest (the contract on a real redis-server), RedisTokenBucketDifferentialTest
     * (the script against TokenBucket, on one test clock), RedisTokenBucketConformanceTest (the bound under
     * concurrency, with two negative controls), RedisTokenBucketLincheckTest (linearizability against the local
     * bucket's sequential model), RedisTokenBucketFaultTest and RedisTokenBucketUnavailableTest.
     */

    /** The script, loaded once; its SHA-1 is what EVALSHA sends. */
    static final String SCRIPT = loadScript();
    static final String SHA1 = sha1(SCRIPT);

    private static final long LIMIT = 1L << 52;
    /** The script's clock argument that means: read the server's {@code TIME}. */
    static final String SERVER_CLOCK = "";

    private final RedisScriptExecutor redis;
    private final String key;
    /** The bucket's key alone, or with the key of a refund's or a reservation's marks (same hash tag). */
    private final String[] bucketKey;
    private final String[] refundKeys;
    private final String[] reservationKeys;
    private final String[] confirmedRefundKeys;
    private final Configuration configuration;
    private final TimeSource clock;
    private final UnavailablePolicy policy;
    /** The local buckets of an outage, shared by a family's buckets (see {@link UnavailablePolicy}). */
    private final LocalFallbacks fallbacks;
    /** The script and its SHA-1: {@link #SCRIPT}, or a negative control's variant of it. */
    private final String script;
    private final String scriptSha1;

    RedisTokenBucket(RedisScriptExecutor redis, String key, Configuration configuration, TimeSource clock,
            UnavailablePolicy policy, LocalFallbacks fallbacks) {
        this(redis, key, configuration, clock, policy, fallbacks, SCRIPT);
    }

    private RedisTokenBucket(RedisScriptExecutor redis, String key, Configuration configuration, TimeSource clock,
            UnavailablePolicy policy, LocalFallbacks fallbacks, String script) {
        this.redis = redis;
        this.key = key;
        this.bucketKey = new String[] {key};
        this.refundKeys = new String[] {key, key + ":refunds"};
        this.reservationKeys = new String[] {key, key + ":reservations"};
        this.confirmedRefundKeys = new String[] {key, key + ":refunds", key + ":reservations"};
        this.configuration = configuration;
        this.clock = clock;
        this.policy = policy;
        this.fallbacks = fallbacks;
        this.script = script;
        this.scriptSha1 = script.equals(SCRIPT) ? SHA1 : sha1(script);
    }

    Configuration configuration() {
        return configuration;
    }

    /** The same bucket run by another script: the negative controls' broken variants. */
    RedisTokenBucket withScript(String variant) {
        return new RedisTokenBucket(redis, key, configuration, clock, policy, fallbacks, variant);
    }

    /**
     * Starts the configuration of a bucket or a family of buckets.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes one token if the bucket has one now; never waits.
     *
     * @return {@code true} if the token was taken
     * @throws RedisUnavailableException if Redis did not answer
     */
    public boolean tryAcquire() {
        return tryAcquire(1L);
    }

    /**
     * Takes {@code permits} tokens if the bucket has that many now, and otherwise takes none; never waits.
     * Fails while waiters are owed tokens, as {@link TokenBucket#tryAcquire(long)} does.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @return {@code true} if the tokens were taken
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws RedisUnavailableException if Redis did not answer
     */
    public boolean tryAcquire(long permits) {
        checkPermits(permits);
        try {
            return call(Operation.TAKE, permits, "", "", SERVER_CLOCK).status == GRANTED;
        } catch (RedisUnavailableException down) {
            TokenBucket local = fallBack(down, permits);
            return local == null || local.tryAcquire(permits);
        }
    }

    /**
     * Takes {@code permits} tokens if the bucket has that many now, as {@link #tryAcquire(long)}, and says
     * how it stands, as {@link TokenBucket#tryAcquireAndProbe(long)}; the counts are exact, as of the
     * server's clock at the call.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @return whether the tokens were taken, the tokens left, and the nanoseconds until a request for
     *         {@code permits} could be granted
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws RedisUnavailableException if Redis did not answer
     */
    public TokenBucket.Probe tryAcquireAndProbe(long permits) {
        checkPermits(permits);
        try {
            return probe(permits, SERVER_CLOCK);
        } catch (RedisUnavailableException down) {
            TokenBucket local = fallBack(down, permits);
            return local == null ? new TokenBucket.Probe(true, 0L, 0L) : local.tryAcquireAndProbe(permits);
        }
    }

    /** The probe at the server's clock, or at {@code nowMicros} (the differential test's clock). */
    TokenBucket.Probe probe(long permits, String nowMicros) {
        Reply reply = call(Operation.TAKE, permits, "", "", nowMicros);
        if (reply.status == GRANTED) {
            return new TokenBucket.Probe(true, reply.level, 0L);
        }
        long wait = nanosToWait(reply.shortfall(permits));
        return new TokenBucket.Probe(false, Math.max(0L, reply.level),
                reply.lag == 0L ? wait : wait + reply.lag * 1000L);    // lag: see the script's reply
    }

    /**
     * The tokens a {@link #tryAcquire(long)} could take now: 0 while waiters are owed tokens.
     *
     * @return the tokens available now
     * @throws RedisUnavailableException if Redis did not answer
     */
    public long availableTokens() {
        try {
            return Math.max(0L, call(Operation.PEEK, 1L, "", "", SERVER_CLOCK).level);
        } catch (RedisUnavailableException down) {
            TokenBucket local = fallBack(down, 1L);
            return local == null ? configuration.capacity : local.availableTokens();
        }
    }

    /**
     * Takes one token, waiting until the bucket has produced it; see {@link #acquire(long)}.
     *
     * @throws InterruptedException if the current thread is interrupted, before or while waiting
     * @throws RedisUnavailableException if Redis did not answer
     */
    public void acquire() throws InterruptedException {
        acquire(1L);
    }

    /**
     * Takes {@code permits} tokens, waiting as long as it takes: one call reserves them, then the thread
     * parks until they are produced. Waiters are served in the order the server received them.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @throws InterruptedException if the current thread is interrupted, before or while waiting; its
     *         reservation is then given back
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws IllegalStateException if the reservations already made would take longer than the
     *         script can count (see Limits)
     * @throws RedisUnavailableException if Redis did not answer the reservation, or its confirmation
     *         after the wait, and the policy fails closed (a failed give-back is suppressed on the
     *         {@code InterruptedException}, and its tokens are lost, never granted twice)
     */
    public void acquire(long permits) throws InterruptedException {
        checkPermits(permits);
        for (;;) {                                                     // again only for a reservation found lost
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            try {
                if (await(permits, call(Operation.RESERVE, permits, "", "", SERVER_CLOCK))) {
                    return;
                }
            } catch (RedisUnavailableException down) {                 // the reservation, or its confirmation
                TokenBucket local = fallBack(down, permits);
                if (local != null) {
                    local.acquire(permits);
                }
                return;
            }
        }
    }

    /**
     * Takes {@code permits} tokens if the bucket will have produced them within the timeout; if it will
     * not, returns {@code false} at once, having changed nothing. Under confirmation, a reservation
     * found lost when the wait ends is made again within the time left. A timeout of zero or less makes
     * one attempt, as {@link #tryAcquire(long)}.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @param timeout the longest wait
     * @return {@code true} if the tokens were taken
     * @throws InterruptedException if the current thread is interrupted, before or while waiting; its
     *         reservation is then given back
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if the timeout is longer than the limit on reservations (see
     *         {@link #acquire(long)}) and the reservations already made would pass it
     * @throws RedisUnavailableException if Redis did not answer
     */
    public boolean tryAcquire(long permits, Duration timeout) throws InterruptedException {
        checkPermits(permits);
        Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return tryAcquireNanos(permits, nanos);
    }

    /**
     * {@link #tryAcquire(long, Duration)} with the timeout in a {@link TimeUnit}.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @param timeout the longest wait, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the tokens were taken
     * @throws InterruptedException if the current thread is interrupted, before or while waiting
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws NullPointerException if {@code unit} is null
     * @throws IllegalStateException if the timeout is longer than the limit on reservations (see
     *         {@link #acquire(long)}) and the reservations already made would pass it
     * @throws RedisUnavailableException if Redis did not answer
     */
    public boolean tryAcquire(long permits, long timeout, TimeUnit unit) throws InterruptedException {
        checkPermits(permits);
        return tryAcquireNanos(permits, Objects.requireNonNull(unit, "unit").toNanos(timeout));
    }

    /**
     * The capacity: the most tokens the bucket holds.
     *
     * @return the capacity
     */
    public long capacity() {
        return configuration.capacity;
    }

    /**
     * The Redis key that holds this bucket.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return "RedisTokenBucket[key=" + key + ", capacity=" + configuration.capacity + ", refill="
                + configuration.refillTokens + " per " + configuration.refillPeriod + "]";
    }

    private boolean tryAcquireNanos(long permits, long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (timeoutNanos <= 0L) {
            return tryAcquire(permits);
        }
        long start = System.nanoTime();                                // the local bucket's clock
        long startOnClock = clock.nanoTime();                          // the clock this bucket waits on
        long left = timeoutNanos;
        for (;;) {                                                     // again only for a reservation found lost
            try {
                Reply reply = call(Operation.RESERVE, permits, budget(left), "", SERVER_CLOCK);
                if (reply.status == TOO_LATE) {
                    return false;
                }
                if (await(permits, reply)) {
                    return true;
                }
            } catch (RedisUnavailableException down) {                 // the reservation, or its confirmation
                TokenBucket local = fallBack(down, permits);
                long rest = timeoutNanos - (System.nanoTime() - start);  // the failed calls took their share
                return local == null || local.tryAcquire(permits, rest, TimeUnit.NANOSECONDS);
            }
            left = timeoutNanos - (clock.nanoTime() - startOnClock);
            if (left <= 0L) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Parks until a reservation's tokens are produced, then confirms it if so configured: {@code true}
     * if granted, {@code false} if the reservation was lost. Gives the tokens back if interrupted first.
     */
    private boolean await(long permits, Reply reply) throws InterruptedException {
        if (reply.status == GRANTED) {
            return true;
        }
        long deadline = clock.nanoTime() + reply.lag * 1000L + nanosToWait(reply.shortfall(permits));
        String refund = reply.epoch + ":" + reply.reservation + ":" + reply.dueMicros(permits);
        for (;;) {
            long remaining = deadline - clock.nanoTime();
            if (remaining <= 0L) {                                     // the tokens are produced: granted,
                return !configuration.confirmReservations                // unless the state lost them since
                        || call(Operation.CONFIRM, permits, "", refund, SERVER_CLOCK).status == GRANTED;
            }
            if (Thread.interrupted()) {
                InterruptedException interrupted = new InterruptedException();
                try {
                    if (call(Operation.REFUND, permits, "", refund, SERVER_CLOCK).status == REFUND_TOO_LATE) {
                        Thread.currentThread().interrupt();            // the server produced them first: granted
                        return true;
                    }
                } catch (RuntimeException failed) {
                    interrupted.addSuppressed(failed);                 // the reservation is lost: never granted twice
                }
                throw interrupted;
            }
            clock.parkUntil(this, deadline);
        }
    }

    /**
     * The local bucket that answers while Redis is down, or null for "grant" (fail open); throws {@code down}
     * when failing closed, or when the local bucket could never hold {@code permits}.
     */
    private TokenBucket fallBack(RedisUnavailableException down, long permits) {
        TokenBucket local = switch (policy.kind) {
            case FAIL_CLOSED -> throw down;
            case FAIL_OPEN -> null;
            case LOCAL -> fallbacks.bucket(key, policy);
        };
        if (policy.kind == UnavailablePolicy.Kind.LOCAL && (local == null || permits > local.capacity())) {
            throw down;                                                // too many local buckets, or too many permits
        }
        return local;
    }

    /** The most shortfall a wait of {@code timeoutNanos} covers: floor(timeout rate / 1000), or none. */
    String budget(long timeoutNanos) {
        long rate = configuration.rate;
        if (timeoutNanos >= 1000L * LIMIT / rate) {
            return "";                                                 // covers any shortfall the script allows
        }
        return Long.toString(timeoutNanos * rate / 1000L);             // < 1000 * 2^52: no overflow
    }

    /** ceil(1000 shortfall / rate) nanoseconds: TokenBucket's exact wait (see Units in the notes). */
    long nanosToWait(long shortfall) {
        long scaled = shortfall * 1000L;                               // shortfall < 2^52: no overflow
        return scaled / configuration.rate + (scaled % configuration.rate == 0L ? 0L : 1L);
    }

    /** One run of the script; {@code nowMicros} is the test clock, or "" for the server's. */
    Reply call(Operation operation, long permits, String budget, String refund, String nowMicros) {
        long[] values;
        try {
            values = redis.evaluate(scriptSha1, script, keys(operation), operation.argument, Long.toString(permits),
                    configuration.encoded, budget, nowMicros, refund, configuration.migrate ? "1" : "",
                    configuration.confirmReservations ? "1" : "");
        } catch (RedisErrorReplyException error) {
            String message = error.getMessage();
            if (message != null && (message.contains("INTERLOCK-CONFIG") || message.contains("INTERLOCK-DEBT"))) {
                throw new IllegalStateException(message.substring(message.indexOf("INTERLOCK-")), error);
            }
            throw error;
        }
        fallbacks.redisAnswered(key);
        return new Reply(values, configuration);
    }

    /** The keys a call names: a refund's marks, a reservation's to confirm, or the bucket's alone. */
    private String[] keys(Operation operation) {
        if (operation == Operation.REFUND) {
            return configuration.confirmReservations ? confirmedRefundKeys : refundKeys;
        }
        boolean marked = operation == Operation.CONFIRM || operation == Operation.RESERVE;
        return configuration.confirmReservations && marked ? reservationKeys : bucketKey;
    }

    private void checkPermits(long permits) {
        if (permits <= 0L) {
            throw new IllegalArgumentException("permits must be positive: " + permits);
        }
        if (permits > configuration.capacity) {
            throw new IllegalArgumentException("permits (" + permits + ") exceed the capacity (" + configuration.capacity
                    + "): the bucket can never hold that many, so the request could never be granted");
        }
    }

    private static String loadScript() {
        try (InputStream in = RedisTokenBucket.class.getResourceAsStream("token-bucket.lua")) {
            if (in == null) {
                throw new IllegalStateException("token-bucket.lua is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    // ---- The script's protocol

    /** The script's operations (ARGV[1]). */
    enum Operation {
        TAKE("take"), RESERVE("reserve"), PEEK("peek"), REFUND("refund"), CONFIRM("confirm");

        final String argument;

        Operation(String argument) {
            this.argument = argument;
        }
    }

    static final int DENIED = 0;
    static final int GRANTED = 1;
    static final int RESERVED = 2;
    static final int TOO_LATE = 3;
    static final int REFUNDED = 4;
    static final int REFUND_IGNORED = 5;
    static final int REFUND_TOO_LATE = 6;

    /** The script's reply: {status, level, carry, now, epoch, reservation, lag}. */
    static final class Reply {
        final int status;
        final long level;
        final long carry;
        final long nowMicros;
        final long epoch;
        /** A reservation's number in its bucket, for an idempotent refund; 0 otherwise. */
        final long reservation;
        /** Microseconds the bucket's time is ahead of the server's clock, after the clock stepped back. */
        final long lag;
        private final long step;
        private final long rate;

        Reply(long[] values, Configuration configuration) {
            if (values.length != 7) {
                throw new IllegalStateException("the token bucket's script answered " + values.length + " values, not 7");
            }
            this.status = (int) values[0];
            this.level = values[1];
            this.carry = values[2];
            this.nowMicros = values[3];
            this.epoch = values[4];
            this.reservation = values[5];
            this.lag = values[6];
            this.step = configuration.step;
            this.rate = configuration.rate;
        }

        /** How far, in tokens times step, the bucket is from holding {@code permits} before this reply's call. */
        long shortfall(long permits) {
            long missing = status == RESERVED ? -level : permits - level;    // RESERVED: the level after
            return missing * step - carry;
        }

        /** The server time, in microseconds, at which a reservation's tokens are produced: its refund's due time. */
        long dueMicros(long permits) {
            long shortfall = shortfall(permits);
            return nowMicros + lag + shortfall / rate + (shortfall % rate == 0L ? 0L : 1L);
        }
    }

    /** A validated configuration, in the units of the script. */
    static final class Configuration {
        final long capacity;
        final long refillTokens;
        final Duration refillPeriod;
        /** The rate, reduced: {@code rate} tokens every {@code step} microseconds. */
        final long rate;
        final long step;
        final long initialTokens;
        final boolean migrate;
        final boolean confirmReservations;
        /** What the script stores and compares: "capacity:rate:step:initial". */
        final String encoded;

        Configuration(Builder builder) {
            this.capacity = builder.capacity;
            this.refillTokens = builder.refillTokens;
            this.refillPeriod = builder.refillPeriod;
            this.initialTokens = builder.initialTokens < 0L ? builder.capacity : builder.initialTokens;
            this.migrate = builder.migrate;
            this.confirmReservations = builder.confirmReservations;
            long periodNanos = builder.refillPeriod.toNanos();
            long common = gcd(builder.refillTokens, periodNanos);
            long tokens = builder.refillTokens / common;
            long nanos = periodNanos / common;
            long toMicros = gcd(1000L, nanos);
            long reducedStep = nanos / toMicros;
            long reducedRate;
            try {
                reducedRate = Math.multiplyExact(tokens, 1000L / toMicros);
                if (Math.multiplyExact(reducedStep, reducedRate + 1L) > LIMIT) {
                    throw new ArithmeticException();
                }
            } catch (ArithmeticException tooFine) {
                throw new IllegalArgumentException("the rate " + refillTokens + " per " + refillPeriod + " is " + tokens
                        + " tokens every " + nanos + " ns in lowest terms; the script needs step * (rate + 1) <= 2^52"
                        + " in microseconds, where Redis's doubles are exact: round the rate to fewer digits");
            }
            if (Math.multiplyHigh(capacity, reducedStep) != 0L || capacity * reducedStep >= LIMIT >> 1) {
                throw new IllegalArgumentException("capacity " + capacity + " at one token every " + reducedStep + "/"
                        + reducedRate + " us needs capacity * step < 2^51, where Redis's doubles are exact:"
                        + " use a smaller capacity or a faster rate");
            }
            this.rate = reducedRate;
            this.step = reducedStep;
            this.encoded = capacity + ":" + rate + ":" + step + ":" + initialTokens;
        }

        private static long gcd(long a, long b) {
            while (b != 0L) {
                long remainder = a % b;
                a = b;
                b = remainder;
            }
            return a;
        }
    }

    /**
     * Configures a {@link RedisTokenBucket} or a {@link RedisTokenBucketFamily}, as
     * {@link TokenBucket.Builder} does a {@link TokenBucket}. {@link #capacity(long)} and
     * {@link #refill(long, Duration)} are required. Not thread-safe.
     */
    public static final class Builder {
        private long capacity;
        private long refillTokens;
        private Duration refillPeriod;
        private long initialTokens = -1L;
        private boolean migrate;
        private boolean confirmReservations;
        private TimeSource timeSource = TimeSource.system();
        private UnavailablePolicy whenUnavailable = UnavailablePolicy.failClosed();

        private Builder() {
        }

        /**
         * The most tokens the bucket holds: the largest burst.
         *
         * @param capacity positive
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is not positive
         */
        public Builder capacity(long capacity) {
            if (capacity <= 0L) {
                throw new IllegalArgumentException("capacity must be positive: " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * The rate: {@code tokens} every {@code period}, added evenly, as {@link TokenBucket.Builder#refill}.
         *
         * @param tokens how many tokens per period; positive
         * @param period the period; positive, and at least {@code tokens} nanoseconds
         * @return this builder
         * @throws IllegalArgumentException if {@code tokens} or {@code period} is not positive, if the
         *         period is longer than a {@code long} counts in nanoseconds, or if the rate exceeds one
         *         token a nanosecond
         * @throws NullPointerException if {@code period} is null
         */
        public Builder refill(long tokens, Duration period) {
            TokenBucket.builder().capacity(1L).refill(tokens, period);     // the same checks, the same messages
            this.refillTokens = tokens;
            this.refillPeriod = period;
            return this;
        }

        /**
         * The tokens a new bucket holds, and an expired one when it is used again; the capacity unless
         * set (see the class's Note).
         *
         * @param tokens from 0 to the capacity
         * @return this builder
         * @throws IllegalArgumentException if {@code tokens} is negative
         */
        public Builder initialTokens(long tokens) {
            if (tokens < 0L) {
                throw new IllegalArgumentException("initial tokens must not be negative: " + tokens);
            }
            this.initialTokens = tokens;
            return this;
        }

        /**
         * Moves a key stored with another configuration to this one, instead of refusing it: the tokens
         * it holds are kept, up to the new capacity, and the fraction of the next token is dropped.
         *
         * @return this builder
         */
        public Builder migrate() {
            this.migrate = true;
            return this;
        }

        /**
         * Makes each waiter confirm its reservation when its wait ends, with one more round trip, and
         * reserve again if the reservation was lost: then a restart without persistence, or a failover
         * to a replica that had not seen the reservation, over-admits by the capacity alone, not by the
         * tokens owed to waiters as well. Each reservation leaves a mark of about 60 bytes on the bucket's
         * hash tag until it is confirmed, or 10 minutes past its due time. Every client of a bucket must
         * set it: one that does not still honours its own lost reservations. Off by default: every call
         * is then one round trip.
         *
         * @return this builder
         */
        public Builder confirmReservations() {
            this.confirmReservations = true;
            return this;
        }

        /**
         * The clock a waiting thread parks on: {@link TimeSource#system()} unless set. The bucket's
         * tokens are counted on the server's clock whatever this is.
         *
         * @param timeSource the clock
         * @return this builder
         * @throws NullPointerException if {@code timeSource} is null
         */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
            return this;
        }

        /**
         * What to do when Redis does not answer: {@link UnavailablePolicy#failClosed()} unless set.
         *
         * @param policy the policy
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder whenUnavailable(UnavailablePolicy policy) {
            this.whenUnavailable = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Builds a bucket on the key {@code interlock:token-bucket:{name}}.
         *
         * @param redis the client
         * @param name the bucket's name; not empty, and without braces (it is the key's hash tag)
         * @return the bucket
         * @throws IllegalStateException if the capacity or the refill was not set
         * @throws IllegalArgumentException if the initial tokens exceed the capacity, if the
         *         configuration leaves the range where Redis computes exactly, or if {@code name} is
         *         empty or has a brace
         * @throws NullPointerException if an argument is null
         */
        public RedisTokenBucket build(RedisScriptExecutor redis, String name) {
            Objects.requireNonNull(redis, "redis");
            return new RedisTokenBucket(redis, "interlock:token-bucket:{" + checkName(name) + "}", configuration(), timeSource,
                    whenUnavailable, new LocalFallbacks());
        }

        /**
         * Builds a family of buckets with this configuration, one per member, such as one per user.
         *
         * @param redis the client
         * @param name the family's name; not empty, and without braces or ':'
         * @return the family
         * @throws IllegalStateException if the capacity or the refill was not set
         * @throws IllegalArgumentException as {@link #build(RedisScriptExecutor, String)}
         * @throws NullPointerException if an argument is null
         */
        public RedisTokenBucketFamily buildFamily(RedisScriptExecutor redis, String name) {
            Objects.requireNonNull(redis, "redis");
            if (checkName(name).indexOf(':') >= 0) {
                throw new IllegalArgumentException("a family's name must not hold ':', which ends it in its members'"
                        + " keys: \"" + name + "\"");
            }
            return new RedisTokenBucketFamily(redis, name, configuration(), timeSource, whenUnavailable);
        }

        private Configuration configuration() {
            if (capacity == 0L) {
                throw new IllegalStateException("capacity is required: call capacity(long)");
            }
            if (refillPeriod == null) {
                throw new IllegalStateException("the rate is required: call refill(long, Duration)");
            }
            if (initialTokens > capacity) {
                throw new IllegalArgumentException("initial tokens (" + initialTokens + ") exceed the capacity (" + capacity + ")");
            }
            return new Configuration(this);
        }

        static String checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                throw new IllegalArgumentException("a name must be non-empty and without braces, as it is the key's"
                        + " hash tag: \"" + name + "\"");
            }
            return name;
        }
    }
}
