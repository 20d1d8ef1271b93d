/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */

/**
 * Interlock's data structures: queues and stacks, lock-free and lock-based; the lock-based ones are
 * built on the locks of {@code dev.interlock.primitives}.
 */
module dev.interlock.structures {
    requires dev.interlock.primitives;

    exports dev.interlock.queues;
    exports dev.interlock.stacks;
}
