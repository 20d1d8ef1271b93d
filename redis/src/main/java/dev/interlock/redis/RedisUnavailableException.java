/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

/**
 * Redis could not be reached, did not answer in time, or cannot serve now (loading, a failover, out of
 * memory). The call granted nothing to its caller; whether the server ran it is unknown, so its tokens
 * may be taken and unused: an outage can under-admit, never grant twice.
 */
public class RedisUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the client's exception
     */
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
