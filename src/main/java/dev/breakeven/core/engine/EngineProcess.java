package dev.breakeven.core.engine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine as the supervisor runs it: its server process (none for an external server), the URL it listens
 * on, and its output, copied line by line to the engine's log file and kept in a {@link LogTail}.
 */
public final class EngineProcess {
    private static final Pattern LISTENING = Pattern.compile("listening on (https?://[^\\s/]+)");
    private final EngineLaunch launch;
    private final Process process;
    private final LogTail tail = new LogTail(200);
    private final CompletableFuture<URI> listening = new CompletableFuture<>();
    private Writer log;
    private volatile URI baseUrl;
    private volatile boolean stopRequested;

    private EngineProcess(EngineLaunch launch, Process process, Writer log) {
        this.launch = launch;
        this.process = process;
        this.log = log;
    }

    static EngineProcess external(EngineLaunch launch) {
        EngineProcess engine = new EngineProcess(launch, null, null);
        engine.baseUrl = launch.externalUrl();
        engine.listening.complete(launch.externalUrl());
        return engine;
    }

    /** Starts the launch's command with its output going to the log; does not wait for anything. */
    static EngineProcess spawn(EngineLaunch launch) throws IOException {
        Writer log = openLog(launch.logFile());
        ProcessBuilder builder = new ProcessBuilder(launch.argv()).redirectErrorStream(true);
        if (launch.workingDir() != null && Files.isDirectory(launch.workingDir())) {
            builder.directory(launch.workingDir().toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            if (log != null) {
                log.close();
            }
            throw e;
        }
        EngineProcess engine = new EngineProcess(launch, process, log);
        engine.note("started " + launch.label() + " (pid " + process.pid() + "): " + String.join(" ", launch.argv()));
        if (!launch.flags().args().isEmpty()) {
            engine.note("flags " + String.join(" ", launch.flags().args()) + " from the fit plan: " + launch.flags().why());
        }
        Thread.ofPlatform().daemon().name("engine-log-" + process.pid()).start(engine::pump);
        return engine;
    }

    private static Writer openLog(Path file) throws IOException {
        if (file == null) {
            return null;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            // keep the previous run's log: it may hold the reason the last engine died
            Files.move(file, file.resolveSibling(file.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING);
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Reads the process output until it ends: log file, tail, and the "listening on" announcement. */
    private void pump() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                write(line);
                if (!listening.isDone()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        baseUrl = URI.create(m.group(1));
                        listening.complete(baseUrl);
                    }
                }
            }
        } catch (IOException ignored) {
            // the stream closes when the process ends; exit handling reports that
        } finally {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!process.isAlive()) {
                note("the engine exited with code " + process.exitValue() + (stopRequested ? " (stopped by the app)" : ""));
            }
            listening.completeExceptionally(new IOException("the engine ended without announcing its address"));
            closeLog();
        }
    }

    private synchronized void write(String line) {
        tail.add(line);
        if (log == null && launch.logFile() != null && process != null) {
            // a note after the process ended (why it died, a restart): append to the closed log
            try {
                Files.writeString(launch.logFile(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the tail still holds the line
            }
        } else if (log != null) {
            try {
                log.write(line);
                log.write(System.lineSeparator());
                log.flush();
            } catch (IOException ignored) {
                // a full disk must not stop the engine; the tail still holds the lines
            }
        }
    }

    /** Adds the supervisor's own line to the engine's log (why it was restarted, stopped, …). */
    public void note(String message) {
        write("[breakeven " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    private synchronized void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
            log = null;
        }
    }

    public EngineLaunch launch() {
        return launch;
    }

    /** Where the server listens; null until it announced its address. */
    public URI baseUrl() {
        return baseUrl;
    }

    CompletableFuture<URI> listening() {
        return listening;
    }

    public Optional<Path> logFile() {
        return Optional.ofNullable(launch.logFile());
    }

    public LogTail tail() {
        return tail;
    }

    /** The process id; empty for an external server. */
    public Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    Process process() {
        return process;
    }

    /** True while the process runs (always for an external server: whether it answers is the client's business). */
    public boolean isAlive() {
        return process == null || process.isAlive();
    }

    /** The exit code once the process ended. */
    public OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Waits up to {@code timeout} for the process to end; true when it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process == null ? false : process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Why the process ended, for the user: llama.cpp's own assert or error line when it printed one, else the exit
     * code and the last lines of its log.
     */
    public String deathReason() {
        String code = exitCode().isPresent() ? describeExit(exitCode().getAsInt()) : "it stopped answering";
        return tail.failureLine().map(line -> line + " (" + code + ")")
                .orElse(code + "; last log lines: " + tail.summary(5));
    }

    private static String describeExit(int code) {
        return switch (code) {
            case 134 -> "aborted, exit code 134";
            case 137 -> "killed, exit code 137";
            case 139 -> "crashed, exit code 139";
            default -> code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
        };
    }

    /** Asks the process to end, then forces it after {@code grace}. Returns once it ended (or could not be ended). */
    void stop(Duration grace) {
        if (process == null) {
            return;
        }
        stopRequested = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                note("the engine did not stop within " + grace.toMillis() + " ms; forcing it");
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code count} lines the engine printed. */
    public List<String> lastLines(int count) {
        return tail.last(count);
    }
}
