/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

/** The server answered a script with an error; the message is the server's. */
public class RedisErrorReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the server's error message
     * @param cause the client's exception, or null
     */
    public RedisErrorReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
