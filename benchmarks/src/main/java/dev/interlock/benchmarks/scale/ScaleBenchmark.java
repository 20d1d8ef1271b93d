/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.scale;

import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReentrantMutex;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.stacks.LockingStack;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * The blocking primitives where servers run them: 2 to 1,000 platform threads, and 10,000 virtual
 * threads, each primitive beside its JDK peer in the same run. JMH does not start virtual threads
 * or thousands of threads well, so this is a plain harness, built on JMH's habits: warm-up rounds
 * that are thrown away, and several JVMs (forks) per point. {@code --subject NAME} measures one
 * subject of the workload ({@code --list} prints their names); {@code benchmarks/run-scale.sh} gives
 * each subject a JVM of its own, as JMH does, in an order that rotates from fork to fork. Without
 * {@code --subject}, one JVM measures them all, interleaved round by round; there, one subject's
 * profile shapes the code the JIT compiles for another that shares its classes (the three policies
 * of {@link ReadWriteMutex}, measured in docs/benchmarks/scale-rw-jvm-per-subject-ab-jdk25).
 *
 * <h2>One measurement</h2>
 * For one subject and one thread count: start the threads, let them all wait at a latch, open it,
 * let them run operations for {@code --millis} milliseconds, then raise a stop flag. The score is
 * the operations completed in that window per second, summed over the threads. A thread that has not
 * returned {@code --bound-seconds} after the stop flag is a failure (a lost wake-up, or a thread
 * starved for good); the row says {@code timeout} and the fork stops measuring that subject.
 *
 * <h2>Workloads</h2>
 * <ul>
 *   <li>{@code mutex}: lock, increment a shared counter and do {@value #CS_WORK} steps of
 *       arithmetic, unlock, then {@value #THINK_WORK} steps outside the lock.
 *       {@link ReentrantMutex} (non-fair, fair) against {@link ReentrantLock} (non-fair, fair).</li>
 *   <li>{@code rw90}, {@code rw99}: the same shape, where each operation is a write (increment two
 *       shared fields) with probability 10 % or 1 % and otherwise a read (read both).
 *       {@link ReadWriteMutex} in each policy against {@link ReentrantReadWriteLock} (non-fair,
 *       fair) and {@link StampedLock} (its read and write locks, not the optimistic read).</li>
 *   <li>{@code queues}: half the threads put, half take, through a structure of capacity
 *       {@value #QUEUE_CAPACITY}: {@link LockingArrayQueue} against {@link ArrayBlockingQueue},
 *       {@link TwoLockLinkedQueue} against {@link LinkedBlockingQueue}, {@link LockingStack}
 *       against {@link LinkedBlockingDeque} used as a stack. An operation is one put or one take. At
 *       the stop flag every thread is interrupted, to release the ones blocked in put or take.</li>
 *   <li>{@code ratelimit}: every thread takes one token, waiting for it, then works outside, from a
 *       limiter of {@value #RATE_PER_SECOND} tokens a second and capacity {@value #BUCKET_CAPACITY},
 *       empty at the start: {@link TokenBucket#acquire()} against the limiter people build from a
 *       {@link Semaphore} (non-fair, and fair as the bucket is), topped up every millisecond by a
 *       thread of its own. The score cannot exceed the rate (plus the first burst); what it shows is
 *       whether the waiters are woken fast enough to use every token, at every thread count.</li>
 *   <li>{@code semaphore}: a pool of {@value #POOL_PERMITS} permits; every thread acquires one, does
 *       {@value #CS_WORK} steps holding it, releases it, then {@value #THINK_WORK} steps outside.
 *       {@link dev.interlock.sync.Semaphore} (non-fair, fair) against {@link Semaphore} (non-fair, fair).</li>
 * </ul>
 *
 * <h2>Output</h2>
 * One CSV row per measurement: {@code workload,subject,peer,threads,kind,fork,round,opsPerSecond}
 * (or {@code timeout}); {@code benchmarks/format-scale.py} turns the rows of all forks into the
 * results page, with a mean and a 99.9 % confidence interval per point, and a chart.
 *
 * <h2>How to run</h2>
 * <pre>
 * ./mvnw -B -pl benchmarks -am -DskipTests -DskipITs package
 * java -cp benchmarks/target/interlock-benchmarks.jar dev.interlock.benchmarks.scale.ScaleBenchmark \
 *     --workload mutex --threads 2,16,64,256,1000,v10000 --fork 1 --out mutex.csv
 * </pre>
 * {@code v10000} means 10,000 virtual threads; it needs JDK 21+ (reached by reflection, since the
 * module targets Java 17).
 */
public final class ScaleBenchmark {

    static final int CS_WORK = 20;
    static final int THINK_WORK = 100;
    static final int QUEUE_CAPACITY = 1_024;
    static final long RATE_PER_SECOND = 1_000_000L;
    static final int BUCKET_CAPACITY = 1_000;
    static final int POOL_PERMITS = 4;

    private ScaleBenchmark() {
    }

    /** What one thread does, once per operation, until told to stop. */
    interface Operation {
        /** Runs one operation; {@code thread} is the thread's index, {@code seed} its private state. */
        long run(int thread, long seed) throws InterruptedException;
    }

    /** A primitive under test, and a fresh instance of its workload per measurement. */
    record Subject(String name, boolean peer, Supplier<Operation> workload) {
    }

    public static void main(String[] args) throws Exception {
        String workload = argument(args, "--workload", "mutex");
        List<String> threadCounts = Arrays.asList(argument(args, "--threads", "2,16,64,256,1000").split(","));
        int fork = Integer.parseInt(argument(args, "--fork", "1"));
        int warmups = Integer.parseInt(argument(args, "--warmup", "1"));
        int rounds = Integer.parseInt(argument(args, "--rounds", "3"));
        long millis = Long.parseLong(argument(args, "--millis", "1000"));
        long boundSeconds = Long.parseLong(argument(args, "--bound-seconds", "30"));
        Path out = Path.of(argument(args, "--out", workload + ".csv"));

        String only = argument(args, "--subject", null);
        List<Subject> subjects = new ArrayList<>(subjects(workload));
        if (Arrays.asList(args).contains("--list")) {
            subjects.forEach(subject -> System.out.println(subject.name()));
            return;
        }
        if (only != null) {
            subjects.removeIf(subject -> !subject.name().equals(only));
            if (subjects.isEmpty()) {
                throw new IllegalArgumentException("no subject " + only + " in workload " + workload);
            }
        }
        boolean newFile = !Files.exists(out);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            if (newFile) {
                csv.println("workload,subject,peer,threads,kind,fork,round,opsPerSecond");
            }
            for (String count : threadCounts) {
                boolean virtual = count.startsWith("v");
                int threads = Integer.parseInt(virtual ? count.substring(1) : count);
                List<String> failed = new ArrayList<>();
                for (int round = -warmups; round < rounds; round++) {
                    for (int i = 0; i < subjects.size(); i++) {
                        Subject subject = subjects.get(Math.floorMod(i + round, subjects.size())); // rotate the order
                        if (failed.contains(subject.name())) {
                            continue;
                        }
                        Operation operation = subject.workload().get();
                        double score;
                        try {
                            score = measure(operation, threads, virtual, millis, boundSeconds);
                        } finally {
                            if (operation instanceof AutoCloseable) {
                                ((AutoCloseable) operation).close(); // the semaphore limiter's refill thread
                            }
                        }
                        String shown = Double.isNaN(score) ? "timeout" : String.format(Locale.ROOT, "%.1f", score);
                        if (Double.isNaN(score)) {
                            failed.add(subject.name());
                        }
                        System.out.printf(Locale.ROOT, "%s %-34s %6s %s round %2d: %s ops/s%n", workload, subject.name(),
                                count, virtual ? "virtual" : "platform", round, shown);
                        if (round >= 0 || Double.isNaN(score)) {
                            csv.printf(Locale.ROOT, "%s,%s,%s,%d,%s,%d,%d,%s%n", workload, subject.name(), subject.peer(),
                                    threads, virtual ? "virtual" : "platform", fork, round, shown);
                            csv.flush();
                        }
                    }
                }
            }
        }
        System.exit(0); // threads of a timed-out measurement may still be blocked
    }

    /** Runs one measurement; returns operations per second, or NaN if a thread did not stop in time. */
    static double measure(Operation operation, int threadCount, boolean virtual, long millis, long boundSeconds)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(threadCount);
        CountDownLatch go = new CountDownLatch(1);
        StopFlag stop = new StopFlag();
        long[][] counts = new long[threadCount][8]; // one padded slot per thread, written by it alone
        List<Thread> threads = new ArrayList<>(threadCount);
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            Runnable body = () -> {
                long seed = 0x9E3779B97F4A7C15L * (index + 1);
                long done = 0;
                ready.countDown();
                try {
                    go.await();
                    while (!stop.raised) {
                        seed = operation.run(index, seed);
                        done++;
                    }
                } catch (InterruptedException expected) {
                    // the queues' stop: a thread blocked in put or take is interrupted.
                }
                counts[index][0] = done;
                counts[index][1] = seed; // kept, so that the work computing it cannot be removed
            };
            Thread thread;
            if (virtual) {
                thread = startVirtual(body);
            } else {
                thread = new Thread(body);
                thread.setDaemon(true);
                thread.start();
            }
            threads.add(thread);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(millis);
        stop.raised = true;
        long elapsed = System.nanoTime() - start;
        for (Thread thread : threads) {
            thread.interrupt(); // the locks' operations do not see it; the queues' do.
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSeconds);
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return Double.NaN;
            }
            thread.join(left);
            if (thread.isAlive()) {
                return Double.NaN;
            }
        }
        long total = 0;
        for (long[] count : counts) {
            total += count[0];
            sink ^= count[1];
        }
        return total * 1e9 / elapsed;
    }

    /** Where the threads' final seeds go, so that the JIT must compute them. */
    static volatile long sink;

    /** The stop signal: volatile, read once per operation. */
    static final class StopFlag {
        volatile boolean raised;
    }

    private static Thread startVirtual(Runnable body) throws ReflectiveOperationException {
        Method start = Thread.class.getMethod("startVirtualThread", Runnable.class); // JDK 21+
        return (Thread) start.invoke(null, body);
    }

    // ---- Workloads -------------------------------------------------------------------------------

    static List<Subject> subjects(String workload) {
        switch (workload) {
            case "mutex":
                return List.of(
                        new Subject("ReentrantMutex", false, () -> mutex(new ReentrantMutex())),
                        new Subject("ReentrantLock", true, () -> mutex(new ReentrantLock())),
                        new Subject("ReentrantMutex(fair)", false, () -> mutex(new ReentrantMutex(true))),
                        new Subject("ReentrantLock(fair)", true, () -> mutex(new ReentrantLock(true))));
            case "rw90":
            case "rw99":
                int writesPer1024 = workload.equals("rw90") ? 102 : 10;
                List<Subject> subjects = new ArrayList<>();
                for (ReadWriteMutex.Policy policy : ReadWriteMutex.Policy.values()) {
                    subjects.add(new Subject("ReadWriteMutex(" + policy + ")", false,
                            () -> readWrite(new ReadWriteMutex(policy), writesPer1024)));
                }
                subjects.add(new Subject("ReentrantReadWriteLock", true,
                        () -> readWrite(new ReentrantReadWriteLock(), writesPer1024)));
                subjects.add(new Subject("ReentrantReadWriteLock(fair)", true,
                        () -> readWrite(new ReentrantReadWriteLock(true), writesPer1024)));
                subjects.add(new Subject("StampedLock", true, () -> stamped(new StampedLock(), writesPer1024)));
                return subjects;
            case "queues":
                return List.of(
                        new Subject("LockingArrayQueue", false, () -> transfer(new LockingArrayQueue<>(QUEUE_CAPACITY))),
                        new Subject("ArrayBlockingQueue", true, () -> transfer(new ArrayBlockingQueue<>(QUEUE_CAPACITY))),
                        new Subject("TwoLockLinkedQueue", false, () -> transfer(new TwoLockLinkedQueue<>(QUEUE_CAPACITY))),
                        new Subject("LinkedBlockingQueue", true, () -> transfer(new LinkedBlockingQueue<>(QUEUE_CAPACITY))),
                        new Subject("LockingStack", false, () -> stack(new LockingStack<>(QUEUE_CAPACITY))),
                        new Subject("LinkedBlockingDeque(stack)", true, () -> dequeAsStack(new LinkedBlockingDeque<>(QUEUE_CAPACITY))));
            case "ratelimit":
                return List.of(
                        new Subject("TokenBucket", false, () -> rateLimited(TokenBucket.builder().capacity(BUCKET_CAPACITY)
                                .refill(RATE_PER_SECOND, Duration.ofSeconds(1)).build()::acquire)),
                        new Subject("Semaphore limiter", true, () -> new SemaphoreLimiter(false)),
                        new Subject("Semaphore limiter(fair)", true, () -> new SemaphoreLimiter(true)));
            case "semaphore":
                return List.of(
                        new Subject("Semaphore", false, () -> pool(new dev.interlock.sync.Semaphore(POOL_PERMITS))),
                        new Subject("java.util.concurrent.Semaphore", true, () -> pool(new Semaphore(POOL_PERMITS))),
                        new Subject("Semaphore(fair)", false, () -> pool(new dev.interlock.sync.Semaphore(POOL_PERMITS, true))),
                        new Subject("java.util.concurrent.Semaphore(fair)", true, () -> pool(new Semaphore(POOL_PERMITS, true))));
            default:
                throw new IllegalArgumentException("unknown workload " + workload
                        + ": mutex, rw90, rw99, queues, ratelimit or semaphore");
        }
    }

    /** Steps of a 64-bit linear congruential generator: work the JIT cannot remove, since the result is kept. */
    static long work(long seed, int steps) {
        for (int i = 0; i < steps; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
        }
        return seed;
    }

    static Operation mutex(Lock lock) {
        long[] shared = new long[1];
        return (thread, seed) -> {
            lock.lock();
            try {
                shared[0]++;
                seed = work(seed ^ shared[0], CS_WORK);
            } finally {
                lock.unlock();
            }
            return work(seed, THINK_WORK);
        };
    }

    static Operation readWrite(ReadWriteLock lock, int writesPer1024) {
        long[] shared = new long[2];
        return (thread, seed) -> {
            seed = work(seed, THINK_WORK);
            if ((seed >>> 54) < writesPer1024) {
                lock.writeLock().lock();
                try {
                    shared[0]++;
                    shared[1]++;
                    seed = work(seed, CS_WORK);
                } finally {
                    lock.writeLock().unlock();
                }
            } else {
                lock.readLock().lock();
                try {
                    seed = work(seed ^ shared[0] ^ shared[1], CS_WORK);
                } finally {
                    lock.readLock().unlock();
                }
            }
            return seed;
        };
    }

    static Operation stamped(StampedLock lock, int writesPer1024) {
        long[] shared = new long[2];
        return (thread, seed) -> {
            seed = work(seed, THINK_WORK);
            if ((seed >>> 54) < writesPer1024) {
                long stamp = lock.writeLock();
                try {
                    shared[0]++;
                    shared[1]++;
                    seed = work(seed, CS_WORK);
                } finally {
                    lock.unlockWrite(stamp);
                }
            } else {
                long stamp = lock.readLock();
                try {
                    seed = work(seed ^ shared[0] ^ shared[1], CS_WORK);
                } finally {
                    lock.unlockRead(stamp);
                }
            }
            return seed;
        };
    }

    /** Even threads put, odd threads take. */
    static Operation transfer(BlockingQueue<Long> queue) {
        return (thread, seed) -> {
            if ((thread & 1) == 0) {
                queue.put(seed);
                return work(seed, THINK_WORK);
            }
            return work(queue.take(), THINK_WORK);
        };
    }

    static Operation stack(LockingStack<Long> stack) {
        return (thread, seed) -> {
            if ((thread & 1) == 0) {
                stack.put(seed);
                return work(seed, THINK_WORK);
            }
            return work(stack.take(), THINK_WORK);
        };
    }

    static Operation dequeAsStack(LinkedBlockingDeque<Long> deque) {
        return (thread, seed) -> {
            if ((thread & 1) == 0) {
                deque.putFirst(seed);
                return work(seed, THINK_WORK);
            }
            return work(deque.takeFirst(), THINK_WORK);
        };
    }

    /** Something that blocks until the caller may go on. */
    interface Acquirer {
        void acquire() throws InterruptedException;
    }

    static Operation rateLimited(Acquirer limiter) {
        return (thread, seed) -> {
            limiter.acquire();
            return work(seed, THINK_WORK);
        };
    }

    static Operation pool(dev.interlock.sync.Semaphore semaphore) {
        return pool(semaphore::acquire, semaphore::release);
    }

    static Operation pool(Semaphore semaphore) {
        return pool(semaphore::acquire, semaphore::release);
    }

    static Operation pool(Acquirer acquire, Runnable release) {
        return (thread, seed) -> {
            acquire.acquire();
            try {
                seed = work(seed, CS_WORK);
            } finally {
                release.run();
            }
            return work(seed, THINK_WORK);
        };
    }

    /**
     * The usual rate limiter built from a {@link Semaphore}: it starts with no permits, and a thread
     * of its own adds those due every millisecond (the fraction carried), never above the capacity.
     * Only that thread releases, so a check of the available permits cannot go stale upwards.
     */
    static final class SemaphoreLimiter implements Operation, AutoCloseable {
        private final Semaphore permits;
        private final Thread refill;
        private volatile boolean closed;

        SemaphoreLimiter(boolean fair) {
            permits = new Semaphore(0, fair);
            refill = new Thread(this::refillLoop, "semaphore-limiter-refill");
            refill.setDaemon(true);
            refill.start();
        }

        private void refillLoop() {
            long last = System.nanoTime();
            long carried = 0; // nanosecond-tokens not yet a whole token
            while (!closed) {
                LockSupport.parkNanos(1_000_000L);
                long now = System.nanoTime();
                long owed = (now - last) * RATE_PER_SECOND + carried;
                last = now;
                long due = owed / 1_000_000_000L;
                carried = owed % 1_000_000_000L;
                int room = BUCKET_CAPACITY - permits.availablePermits();
                if (room > 0 && due > 0) {
                    permits.release((int) Math.min(due, room));
                }
            }
        }

        @Override
        public long run(int thread, long seed) throws InterruptedException {
            permits.acquire();
            return work(seed, THINK_WORK);
        }

        /** Stops the refill thread; it ends within a millisecond. */
        @Override
        public void close() {
            closed = true;
            LockSupport.unpark(refill);
        }
    }

    private static String argument(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
