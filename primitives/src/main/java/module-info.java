/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */

/**
 * Interlock's primitives: counters, locks (parking and spinning), rate limiting and
 * synchronizers. Needs nothing beyond {@code java.base}.
 */
module dev.interlock.primitives {
    exports dev.interlock.counters;
    exports dev.interlock.locks;
    exports dev.interlock.locks.spin;
    exports dev.interlock.ratelimit;
    exports dev.interlock.sync;
}
