package dev.breakeven.host;

import dev.breakeven.core.chat.EngineTimings;
import dev.breakeven.core.chat.LlamaTimingsLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's own timing report for each finished task, read inside the host.
 *
 * <p>How: llama.cpp's log can also go to a file ({@code --log-file}); that file is a named pipe here, read by a
 * daemon thread, so nothing grows on disk and the process's stderr is left alone (llama.cpp keeps writing its
 * log there too, and an assert line reaches the supervisor's log before the abort). Each report starts with
 * {@code slot print_timing: id 0 | task 7 |} and its two rate lines follow; reports are matched to requests by
 * task id, so parallel slots do not mix them up. Where named pipes are unavailable (Windows) there is no feed
 * and answers carry no {@code timings}.
 */
final class TimingsFeed implements AutoCloseable {
    private static final Pattern HEADER = Pattern.compile("print_timing: id\\s+\\d+ \\| task (\\d+) \\|");
    private static final int KEEP_UNCLAIMED = 256;

    private final Path pipe;
    private final Map<Integer, CompletableFuture<EngineTimings>> reports = new LinkedHashMap<>();

    private TimingsFeed(Path pipe) {
        this.pipe = pipe;
    }

    /**
     * A feed reading a new named pipe in {@code dir} (a folder of its own: it is removed with the pipe once
     * llama.cpp has opened it), or a feed that never reports when no pipe can be made.
     */
    static TimingsFeed start(Path dir) {
        Path pipe = dir.resolve("llama-log.fifo");
        if (!Posix.mkfifo(pipe)) {
            return new TimingsFeed(null);
        }
        TimingsFeed feed = new TimingsFeed(pipe);
        Thread reader = new Thread(feed::read, "llama-timings");
        reader.setDaemon(true);
        reader.start();
        return feed;
    }

    /** The path to hand llama.cpp as its log file, if there is a feed. */
    Optional<Path> logFile() {
        return Optional.ofNullable(pipe);
    }

    /** The report for {@code task}, waiting up to {@code wait} for llama.cpp's log thread to write it. */
    Optional<EngineTimings> await(int task, Duration wait) {
        if (pipe == null) {
            return Optional.empty();
        }
        CompletableFuture<EngineTimings> report = claim(task);
        try {
            return Optional.of(report.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            synchronized (reports) {
                reports.remove(task);
            }
        }
    }

    /** Forgets a task that will never be awaited (a cancelled answer). */
    void forget(int task) {
        synchronized (reports) {
            reports.remove(task);
        }
    }

    private CompletableFuture<EngineTimings> claim(int task) {
        synchronized (reports) {
            CompletableFuture<EngineTimings> report = reports.computeIfAbsent(task, t -> new CompletableFuture<>());
            // A report nobody waits for (cancelled, or the log raced ahead) must not pile up forever.
            while (reports.size() > KEEP_UNCLAIMED) {
                Integer oldest = reports.keySet().iterator().next();
                reports.remove(oldest);
            }
            return report;
        }
    }

    private void read() {
        // Opening a pipe for reading blocks until llama.cpp opens it for writing, i.e. while the model loads.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(pipe),
                StandardCharsets.UTF_8))) {
            // Both ends are open now; the name is no longer needed, and removing it at once leaves nothing
            // behind in the temporary folder even if the host is killed.
            Files.deleteIfExists(pipe);
            Files.deleteIfExists(pipe.getParent());
            int task = -1;
            StringBuilder block = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                Matcher header = HEADER.matcher(line);
                if (header.find()) {
                    task = Integer.parseInt(header.group(1));
                    block.setLength(0);
                    continue;
                }
                if (task < 0) {
                    continue;
                }
                block.append(line).append('\n');
                Optional<EngineTimings> report = LlamaTimingsLog.parseLast(block.toString());
                if (report.isPresent()) {
                    claim(task).complete(report.get());
                    task = -1;
                } else if (block.length() > 4096) {
                    task = -1; // not a report after all
                }
            }
        } catch (IOException e) {
            // the pipe closed with the process; nothing left to report
        }
    }

    @Override
    public void close() {
        if (pipe != null) {
            try {
                Files.deleteIfExists(pipe);
            } catch (IOException ignored) {
                // a stale pipe in a temporary folder harms nothing
            }
        }
    }

    /** mkfifo(3) from libc through the FFM API; absent on Windows. */
    private static final class Posix {
        private static final MethodHandle MKFIFO = bind();

        private static MethodHandle bind() {
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                return linker.defaultLookup().find("mkfifo").map(symbol -> linker.downcallHandle(symbol,
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)))
                        .orElse(null);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        static boolean mkfifo(Path path) {
            if (MKFIFO == null) {
                return false;
            }
            try (Arena arena = Arena.ofConfined()) {
                return (int) MKFIFO.invokeExact(arena.allocateFrom(path.toString()), 0600) == 0;
            } catch (Throwable t) {
                return false;
            }
        }
    }
}
