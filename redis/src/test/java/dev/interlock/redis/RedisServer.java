/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * A real {@code redis-server} for the tests: started once per test run on a free loopback port, with no
 * persistence ({@code --save '' --appendonly no}), ready when it answers {@code PING}, and stopped by its
 * process id when the run ends. Test classes get it with {@code @ExtendWith(RedisServer.Extension.class)}
 * and a {@code RedisServer} parameter.
 *
 * <p>The server binary is {@code $INTERLOCK_REDIS_SERVER}, else {@code redis-server} on the {@code PATH}.
 * If there is none, the tests are skipped with a message saying how to install it, unless the environment
 * variable {@code INTERLOCK_REDIS_REQUIRED} is {@code true} (as {@code .ci/run} sets it): then they fail.
 */
public final class RedisServer {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final int port;
    /** Arguments after the defaults: a fault test's persistence. */
    private final List<String> extraArguments;
    private final List<RedisClient> clients = new ArrayList<>();
    /** One set of event loops for every client of this server: tens of clients on 2 cores. */
    private ClientResources resources;
    private Process process;

    private RedisServer(Path binary, int port, List<String> extraArguments) {
        this.binary = binary;
        this.port = port;
        this.extraArguments = extraArguments;
    }

    /**
     * A server of the caller's own, for a fault test that kills or stops it: on a free port, with the
     * given arguments after the defaults (such as {@code --appendonly yes}); the caller stops it. Skips the
     * test, or fails it, as the extension does when there is no redis-server.
     */
    static RedisServer startDedicated(String... extraArguments) {
        return Resource.start(List.of(extraArguments)).server();
    }

    /** SIGKILL to the pid: the server dies without a word, as in a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends a signal, such as {@code STOP} or {@code CONT}, to the server's pid. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Starts the server again on the same port with the same arguments, after {@link #kill9()}. */
    void restart() throws IOException, InterruptedException {
        start();
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** A new Lettuce connection to the server, with the given command timeout; closed with the server. */
    public StatefulRedisConnection<String, String> connect(Duration commandTimeout) {
        return connect(port, commandTimeout);
    }

    /** A new Lettuce connection to a port in front of the server (a proxy's); closed with the server. */
    StatefulRedisConnection<String, String> connect(int viaPort, Duration commandTimeout) {
        return connect(viaPort, commandTimeout, ClientOptions.create());
    }

    /** As {@link #connect(int, Duration)}, with the client's options (at-most-once: no reconnection). */
    StatefulRedisConnection<String, String> connect(int viaPort, Duration commandTimeout, ClientOptions options) {
        RedisClient client;
        synchronized (clients) {
            if (resources == null) {
                resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
            }
            client = RedisClient.create(resources, RedisURI.builder().withHost("127.0.0.1").withPort(viaPort)
                    .withTimeout(commandTimeout).build());
            client.setOptions(options);
            clients.add(client);
        }
        return client.connect();
    }

    /** A script executor on a new connection with a 10-second command timeout. */
    public RedisScriptExecutor executor() {
        return LettuceScriptExecutor.of(connect(Duration.ofSeconds(10)));
    }

    private void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(binary + " exited with " + process.exitValue() + " on port " + port);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(binary + " did not answer PING on port " + port + " within " + START_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, reply.length);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Closes the clients and stops the server: SIGTERM to its pid, then SIGKILL if it lingers. */
    public void stop() throws InterruptedException {
        synchronized (clients) {
            for (RedisClient client : clients) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            clients.clear();
            if (resources != null) {
                resources.shutdown(0, 2, TimeUnit.SECONDS);
                resources = null;
            }
        }
        if (process != null && process.isAlive()) {
            process.destroy();                                         // SIGTERM to the pid
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Path findBinary() {
        String configured = System.getenv("INTERLOCK_REDIS_SERVER");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the run's server for a test class, or skips the class (fails it, if a server is required). */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisServer.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            server(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RedisServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return server(context);
        }

        private static RedisServer server(ExtensionContext context) {
            ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
            Resource resource = store.getOrComputeIfAbsent(Resource.class, type -> Resource.start(), Resource.class);
            return resource.server();
        }
    }

    /** The run's server, stopped by JUnit when the run ends (it closes an AutoCloseable in the root store). */
    private static final class Resource implements AutoCloseable {
        private final RedisServer server;

        private Resource(RedisServer server) {
            this.server = server;
        }

        static Resource start() {
            return start(List.of());
        }

        static Resource start(List<String> extraArguments) {
            Path binary = findBinary();
            if (binary == null) {
                String message = "no redis-server: install it (Debian: apt-get install -y redis-server) or set"
                        + " INTERLOCK_REDIS_SERVER to its path";
                if ("true".equals(System.getenv("INTERLOCK_REDIS_REQUIRED"))) {
                    throw new IllegalStateException(message + "; INTERLOCK_REDIS_REQUIRED is true, so this fails");
                }
                return new Resource(null);
            }
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3; attempt++) {             // a free port may be taken before the server binds it
                try {
                    RedisServer server = new RedisServer(binary, freePort(), extraArguments);
                    try {
                        server.start();
                        return new Resource(server);
                    } catch (IllegalStateException e) {
                        server.stop();
                        failure = e;
                    }
                } catch (IOException e) {
                    failure = new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw failure;
        }

        RedisServer server() {
            if (server == null) {
                throw new TestAbortedException("no redis-server: install it (Debian: apt-get install -y redis-server)"
                        + " or set INTERLOCK_REDIS_SERVER to its path");
            }
            return server;
        }

        @Override
        public void close() {
            if (server != null) {
                try {
                    server.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
