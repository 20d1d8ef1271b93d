/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import dev.interlock.queues.TwoLockLinkedQueue;
import dev.interlock.ratelimit.TokenBucket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The throttled crawler: a fixed pool of workers takes jobs from a work queue and calls a slow service
 * that allows {@value #REQUESTS_PER_SECOND} requests a second, each worker waiting for a
 * {@link TokenBucket} token before each request. Each worker puts a page, or the exception its request
 * threw, on a results queue; the main thread collects one outcome per job and reports the first error.
 * Job {@value #FAILING_JOB} fails on purpose.
 *
 * <p>It prints the limit, the rate the service measured on the real clock, the jobs done, and the
 * failure. {@code ThrottledCrawlerTest} checks what a user of a rate limiter cares about: the service
 * never sees more than its rate, every job comes back exactly once, and the failure is reported, not
 * lost.
 *
 * <pre>{@code ./mvnw -q -pl examples exec:java -Dexample=throttled-crawler}</pre>
 */
public final class ThrottledCrawler {

    static final int REQUESTS_PER_SECOND = 40;
    static final int WORKERS = 4;
    static final int JOBS = 60;
    static final int FAILING_JOB = 17;

    private ThrottledCrawler() {
    }

    /** What a worker puts on the results queue: a page, or the exception its request threw. */
    record Outcome(int job, String page, Exception error) {
    }

    /**
     * What a crawl measured.
     *
     * @param limit the service's limit, requests a second
     * @param requests the requests the service received
     * @param seconds from the bucket's creation to the last request
     * @param returned the job of each outcome, in the order they came back (extras included)
     * @param pages the pages fetched, by job
     * @param failures the outcomes that were errors
     * @param firstError the first failure, with its job; {@code null} if none
     */
    record Crawl(int limit, int requests, double seconds, List<Integer> returned, Map<Integer, String> pages,
            int failures, ExecutionException firstError) {

        /** The rate the service saw: requests a second. */
        double rate() {
            return requests / seconds;
        }
    }

    /** The slow service: 5 ms a request; it records when each request arrived. */
    static final class Service {
        private final int failingJob;
        private final List<Long> arrivals = new ArrayList<>();

        Service(int failingJob) {
            this.failingJob = failingJob;
        }

        String fetch(int job) throws IOException, InterruptedException {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
            }
            Thread.sleep(5);
            if (job == failingJob) {
                throw new IOException("503 from the service for job " + job);
            }
            return "page " + job;
        }

        List<Long> arrivals() {
            synchronized (arrivals) {
                return List.copyOf(arrivals);
            }
        }
    }

    /**
     * Crawls {@code jobs} jobs with {@code workers} threads against a service that allows
     * {@code requestsPerSecond}; job {@code failingJob} fails.
     */
    static Crawl crawl(int requestsPerSecond, int workers, int jobs, int failingJob) throws InterruptedException {
        Service service = new Service(failingJob);
        long start = System.nanoTime(); // before the bucket starts filling: errs on the safe side
        TokenBucket bucket = TokenBucket.builder()
                .capacity(1) // no burst: at most one request ahead of the rate
                .refill(requestsPerSecond, Duration.ofSeconds(1))
                .build();

        BlockingQueue<Integer> work = new TwoLockLinkedQueue<>();
        BlockingQueue<Outcome> results = new TwoLockLinkedQueue<>();
        for (int job = 0; job < jobs; job++) {
            work.add(job);
        }
        List<Thread> pool = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                Integer job;
                while ((job = work.poll()) != null) {
                    try {
                        bucket.acquire(); // wait for our turn
                        results.add(new Outcome(job, service.fetch(job), null));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        results.add(new Outcome(job, null, e));
                        return; // asked to stop
                    } catch (IOException | RuntimeException e) {
                        results.add(new Outcome(job, null, e)); // report it; the crawl goes on
                    }
                }
            }, "crawler-" + w);
            worker.start();
            pool.add(worker);
        }

        List<Integer> returned = new ArrayList<>();
        Map<Integer, String> pages = new TreeMap<>();
        int failures = 0;
        ExecutionException firstError = null;
        try {
            for (int i = 0; i < jobs; i++) {
                Outcome outcome = results.poll(30, TimeUnit.SECONDS); // bounded: a lost job must not hang us
                if (outcome == null) {
                    throw new IllegalStateException("a job never came back: " + i + " outcomes of " + jobs);
                }
                returned.add(outcome.job());
                if (outcome.error() == null) {
                    pages.put(outcome.job(), outcome.page());
                } else {
                    failures++;
                    if (firstError == null) {
                        firstError = new ExecutionException("job " + outcome.job(), outcome.error());
                    }
                }
            }
            for (Thread worker : pool) {
                worker.join(10_000);
            }
        } finally {
            for (Thread worker : pool) {
                worker.interrupt(); // a no-op for the workers that finished
            }
        }
        for (Outcome extra; (extra = results.poll()) != null; ) {
            returned.add(extra.job()); // there should be none: the test says so
        }

        List<Long> arrivals = service.arrivals();
        long last = arrivals.isEmpty() ? start : arrivals.get(arrivals.size() - 1);
        return new Crawl(requestsPerSecond, arrivals.size(), (last - start) / 1e9, returned, pages, failures,
                firstError);
    }

    /**
     * Runs the example.
     *
     * @param args none
     * @throws InterruptedException if interrupted while it waits for the crawl
     */
    public static void main(String[] args) throws InterruptedException {
        Crawl crawl = crawl(REQUESTS_PER_SECOND, WORKERS, JOBS, FAILING_JOB);
        System.out.printf("Throttled crawler: %d workers, %d jobs, a TokenBucket of capacity 1%n", WORKERS, JOBS);
        System.out.printf("  limit:         %d requests/s%n", crawl.limit());
        System.out.printf("  measured:      %.1f requests/s (%d requests in %.3f s)%n",
                crawl.rate(), crawl.requests(), crawl.seconds());
        System.out.printf("  jobs done:     %d of %d came back: %d pages, %d failed%n",
                crawl.returned().size(), JOBS, crawl.pages().size(), crawl.failures());
        ExecutionException error = crawl.firstError();
        System.out.println("  first failure: " + (error == null ? "none" : error.getMessage() + ": " + error.getCause()));
    }
}
