/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.interlock.examples.ThrottledCrawler.FAILING_JOB;
import static dev.interlock.examples.ThrottledCrawler.JOBS;
import static dev.interlock.examples.ThrottledCrawler.REQUESTS_PER_SECOND;
import static dev.interlock.examples.ThrottledCrawler.WORKERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims of {@link ThrottledCrawler}, on the real clock: the service never sees more than its rate,
 * every job comes back exactly once, and the failing job's error is reported, not lost.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThrottledCrawlerTest {

    @Test
    void theCrawlerStaysWithinTheRateLosesNoJobAndReportsTheFailure() throws Exception {
        ThrottledCrawler.Crawl crawl = ThrottledCrawler.crawl(REQUESTS_PER_SECOND, WORKERS, JOBS, FAILING_JOB);
        System.out.printf("[crawler] %d requests in %.3f s: %.1f requests/s (limit %d)%n",
                crawl.requests(), crawl.seconds(), crawl.rate(), crawl.limit());

        // Every job came back exactly once: the outcomes' jobs are 0..JOBS-1, each once, and no more.
        List<Integer> returned = new ArrayList<>(crawl.returned());
        returned.sort(null);
        assertEquals(IntStream.range(0, JOBS).boxed().collect(Collectors.toList()), returned);
        assertEquals(JOBS - 1, crawl.pages().size());
        assertEquals(1, crawl.failures());

        // The failure is reported, with its job and its cause.
        assertNotNull(crawl.firstError(), "the failure was lost");
        assertTrue(crawl.firstError().getCause() instanceof IOException, () -> crawl.firstError().toString());
        assertTrue(crawl.firstError().getCause().getMessage().contains("job " + FAILING_JOB),
                () -> crawl.firstError().getCause().getMessage());

        // Within the rate: an empty bucket of capacity 1 grants its n-th token no earlier than n / rate
        // after it was built, so JOBS requests take at least JOBS / rate.
        assertEquals(JOBS, crawl.requests());
        assertTrue(crawl.rate() <= REQUESTS_PER_SECOND,
                "the service saw " + crawl.rate() + " requests/s, above its " + REQUESTS_PER_SECOND);
        assertTrue(crawl.rate() > REQUESTS_PER_SECOND / 2.0, "the crawler was far slower than the rate allows: "
                + crawl.rate());
    }
}
