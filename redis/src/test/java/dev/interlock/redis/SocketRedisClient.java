/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking Redis client on one socket, for {@link RedisTokenBucketLincheckTest}: the calling thread
 * writes the command and reads the reply itself, so that Lincheck, which instruments the classes its
 * threads run, instruments none of a client library's (Lettuce's event loop made each of its
 * invocations cost hundreds of milliseconds). It speaks just enough RESP for the script's replies and a
 * few commands. Not thread-safe: one per thread.
 */
final class SocketRedisClient implements RedisScriptExecutor, AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    SocketRedisClient(int port) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long[] evaluate(String sha1, String script, String[] keys, String... arguments) {
        Object reply = command(evalArguments("EVALSHA", sha1, keys, arguments));
        if (reply instanceof RedisErrorReplyException noScript && noScript.getMessage().startsWith("NOSCRIPT")) {
            reply = command(evalArguments("EVAL", script, keys, arguments));
        }
        if (reply instanceof RedisErrorReplyException error) {
            throw error;
        }
        List<?> values = (List<?>) reply;
        long[] result = new long[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (Long) values.get(i);
        }
        return result;
    }

    private static List<String> evalArguments(String command, String script, String[] keys, String[] arguments) {
        List<String> all = new ArrayList<>(List.of(command, script, Integer.toString(keys.length)));
        all.addAll(List.of(keys));
        all.addAll(List.of(arguments));
        return all;
    }

    /** Sends one command and returns its reply: a Long, a String, a List, null, or the error as an exception object. */
    Object command(List<String> words) {
        try {
            out.write(("*" + words.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write('\r');
                out.write('\n');
            }
            out.flush();
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case ':':
                return Long.parseLong(line);
            case '+':
                return line;
            case '-':
                return new RedisErrorReplyException(line, null);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                String text = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line();
                return text;
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>(Math.max(count, 0));
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply: " + (char) type + line);
        }
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            text.append((char) c);
        }
        in.read();                                                     // '\n'
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
