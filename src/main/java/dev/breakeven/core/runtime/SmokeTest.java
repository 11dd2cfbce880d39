package dev.breakeven.core.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves a runtime works before it becomes current: {@code llama-server --version} must print a version, and when a
 * small model is at hand the server must start on it on a free loopback port ({@code --port 0}) and answer
 * {@code /health}. A deliberately small process helper: the engine supervisor (core.engine) owns long-lived servers.
 */
public final class SmokeTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    /**
     * @param startMillis from process start to the first 200 from /health; -1 when no model was started
     * @param log         the server's log of the start (at verbosity 4, so it holds llama.cpp's allocation lines)
     */
    public record Result(ServerVersion version, long startMillis, List<String> log) {
    }

    private final Duration timeout;

    public SmokeTest(Duration timeout) {
        this.timeout = timeout;
    }

    public ServerVersion version(Path server) throws IOException {
        List<String> out = run(List.of(server.toString(), "--version"), Duration.ofSeconds(20));
        return ServerVersion.parse(String.join("\n", out)).orElseThrow(() -> new IOException(
                server + " --version printed no version: " + tail(out)));
    }

    /** The version a server prints, or empty when it cannot be run or prints none (for runtimes found, not installed). */
    public static Optional<ServerVersion> versionOf(Path server) {
        try {
            return Optional.of(new SmokeTest(Duration.ofSeconds(20)).version(server));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs the checks; {@code model} may be null (then only the version is checked). */
    public Result run(Path server, Path model, BooleanSupplier cancelled) throws IOException {
        ServerVersion version = version(server);
        if (model == null) {
            return new Result(version, -1, List.of());
        }
        // Absolute paths: the server runs in its own folder (where its backend libraries are), so a model path
        // relative to the app's working folder would point nowhere.
        List<String> command = List.of(server.toAbsolutePath().toString(), "-m", model.toAbsolutePath().toString(), "--host", "127.0.0.1",
                "--port", "0", "-c", "256", "-t", "2", "--no-webui", "-lv", "4");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.directory(server.getParent().toFile());
        long start = System.nanoTime();
        Process process = pb.start();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> readLog(process, log, port));
        try {
            long deadline = start + timeout.toNanos();
            int p = awaitPort(process, port, deadline, cancelled, log);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI health = URI.create("http://127.0.0.1:" + p + "/health");
            while (System.nanoTime() < deadline) {
                check(process, cancelled, log);
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return new Result(version, (System.nanoTime() - start) / 1_000_000, List.copyOf(log));
                    }
                } catch (IOException e) {
                    // Not accepting yet.
                }
                Thread.sleep(100);
            }
            throw new IOException("llama-server did not answer /health within " + timeout.toSeconds() + " s: " + tail(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("smoke test interrupted", e);
        } finally {
            stop(process);
            reader.interrupt();
        }
    }

    private static int awaitPort(Process process, CompletableFuture<Integer> port, long deadline, BooleanSupplier cancelled,
                                 List<String> log) throws IOException, InterruptedException {
        while (System.nanoTime() < deadline) {
            check(process, cancelled, log);
            try {
                return port.get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // keep waiting
            } catch (java.util.concurrent.ExecutionException e) {
                // The log ended: the server is exiting. Say how, with its last lines, not that a pipe closed.
                process.waitFor(2, TimeUnit.SECONDS);
                throw new IOException("llama-server stopped before listening"
                        + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")") + ": " + tail(log));
            }
        }
        throw new IOException("llama-server printed no 'listening on' line in time: " + tail(log));
    }

    private static void check(Process process, BooleanSupplier cancelled, List<String> log) throws IOException {
        if (cancelled.getAsBoolean()) {
            throw new IOException("smoke test cancelled");
        }
        if (!process.isAlive()) {
            throw new IOException("llama-server exited with code " + process.exitValue() + " during the smoke start: "
                    + tail(log));
        }
    }

    private static void readLog(Process process, List<String> log, CompletableFuture<Integer> port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (log.size() < 2000) {
                    log.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        port.completeExceptionally(new IOException("log ended"));
    }

    /** Not core.hardware's ToolRunner: llama-server prints its version on stderr, which ToolRunner keeps only on failure. */
    private static List<String> run(List<String> command, Duration limit) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && out.size() < 500) {
                    out.add(line);
                }
            } catch (IOException ignored) {
                // ended
            }
        });
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new IOException(command.getFirst() + " did not finish within " + limit.toSeconds() + " s");
            }
            reader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IOException("interrupted", e);
        }
        return List.copyOf(out);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String tail(List<String> lines) {
        List<String> copy = List.copyOf(lines);
        return String.join(" | ", copy.subList(Math.max(0, copy.size() - 3), copy.size()));
    }
}
