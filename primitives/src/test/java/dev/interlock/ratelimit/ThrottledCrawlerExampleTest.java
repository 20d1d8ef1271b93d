/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classic throttled crawler, as an example of use (it is shown in {@code docs/token-bucket.md}):
 * a fixed pool of workers takes jobs from a work queue and calls a slow service that allows
 * {@value #REQUESTS_PER_SECOND} requests a second. Each worker puts a result, or the exception it
 * caught, on a results queue; the main thread waits for all the work, collects the results, and
 * rethrows the first error. One job fails on purpose.
 *
 * <p>It checks what a user of a rate limiter cares about: the service never sees more than its
 * rate (measured on the real clock, from the bucket's creation to the last request), every job
 * comes back exactly once, and the failure is reported, not lost.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThrottledCrawlerExampleTest {

    static final int REQUESTS_PER_SECOND = 40;
    static final int WORKERS = 4;
    static final int JOBS = 60;
    static final int FAILING_JOB = 17;

    ThrottledCrawlerExampleTest() {
    }

    /** What a worker puts on the results queue: a page, or the exception its request threw. */
    record Outcome(int job, String page, Exception error) {
    }

    /** The slow service: 5 ms a request; it records when each request arrived. */
    static final class Service {
        final List<Long> arrivals = new ArrayList<>();

        String fetch(int job) throws IOException, InterruptedException {
            synchronized (arrivals) {
                arrivals.add(System.nanoTime());
            }
            Thread.sleep(5);
            if (job == FAILING_JOB) {
                throw new IOException("503 from the service for job " + job);
            }
            return "page " + job;
        }
    }

    @Test
    void theCrawlerStaysWithinTheRateLosesNoJobAndReportsTheFailure() throws Exception {
        Service service = new Service();
        long start = System.nanoTime(); // before the bucket starts filling: errs on the safe side
        TokenBucket bucket = TokenBucket.builder()
                .capacity(1) // no burst: at most one request ahead of the rate
                .refill(REQUESTS_PER_SECOND, Duration.ofSeconds(1))
                .build();

        BlockingQueue<Integer> work = new LinkedBlockingQueue<>();
        BlockingQueue<Outcome> results = new LinkedBlockingQueue<>();
        for (int job = 0; job < JOBS; job++) {
            work.add(job);
        }
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread worker = new Thread(() -> {
                Integer job;
                while ((job = work.poll()) != null) {
                    try {
                        bucket.acquire();                     // wait for our turn
                        results.add(new Outcome(job, service.fetch(job), null));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        results.add(new Outcome(job, null, e));
                        return;
                    } catch (IOException | RuntimeException e) {
                        results.add(new Outcome(job, null, e)); // report it; the crawl goes on
                    }
                }
            }, "crawler-" + w);
            worker.start();
            workers.add(worker);
        }

        Map<Integer, String> pages = new TreeMap<>();
        ExecutionException firstError = null;
        for (int i = 0; i < JOBS; i++) {
            Outcome outcome = results.poll(30, TimeUnit.SECONDS);
            assertTrue(outcome != null, "a job never came back: " + pages.size() + " pages after " + i + " outcomes");
            if (outcome.error() != null) {
                firstError = firstError != null ? firstError : new ExecutionException("job " + outcome.job(), outcome.error());
            } else {
                assertEquals(null, pages.put(outcome.job(), outcome.page()), "job " + outcome.job() + " came back twice");
            }
        }
        for (Thread worker : workers) {
            worker.join(10_000);
        }

        // Every job came back exactly once: all pages but the failing job's, and its error.
        assertEquals(JOBS - 1, pages.size());
        assertTrue(results.isEmpty(), "more outcomes than jobs: " + results);
        ExecutionException rethrown = firstError;
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> {
            if (rethrown != null) {
                throw rethrown; // what the main thread of a crawler does with the first error
            }
        });
        assertTrue(thrown.getCause() instanceof IOException && thrown.getCause().getMessage().contains("job " + FAILING_JOB));

        // Within the rate: an empty bucket of capacity 1 grants its n-th token no earlier than
        // n / rate after it was built, so JOBS requests take at least JOBS / rate.
        long last;
        synchronized (service.arrivals) {
            assertEquals(JOBS, service.arrivals.size());
            last = service.arrivals.get(service.arrivals.size() - 1);
        }
        double seconds = (last - start) / 1e9;
        double rate = JOBS / seconds;
        System.out.printf("[crawler] %d requests in %.3f s: %.1f requests/s (limit %d)%n", JOBS, seconds, rate, REQUESTS_PER_SECOND);
        assertTrue(rate <= REQUESTS_PER_SECOND, "the service saw " + rate + " requests/s, above its " + REQUESTS_PER_SECOND);
        assertTrue(rate > REQUESTS_PER_SECOND / 2.0, "the crawler was far slower than the rate allows: " + rate);
    }
}
