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
 * Redis could not be reached, or did not answer in time. A call that threw it took nothing from the
 * bucket as far as the caller can tell; whether the server ran the script is unknown, and the call
 * is not retried, so nothing is granted twice.
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
