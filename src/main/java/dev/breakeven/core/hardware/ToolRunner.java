package dev.breakeven.core.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a probe tool found on a given search path, with a hard time limit. A tool that hangs
 * (a stuck {@code nvidia-smi} behind a wedged driver is the usual case) is killed with its children.
 */
public final class ToolRunner {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final Duration KILL_GRACE = Duration.ofMillis(500);

    private final List<Path> searchPath;
    private final Duration timeout;

    public ToolRunner(List<Path> searchPath, Duration timeout) {
        this.searchPath = List.copyOf(searchPath);
        this.timeout = timeout;
    }

    /** The tool search path of this process ({@code PATH}), with the default timeout. */
    public static ToolRunner system() {
        return new ToolRunner(pathOf(System.getenv("PATH")), DEFAULT_TIMEOUT);
    }

    public static List<Path> pathOf(String pathVariable) {
        List<Path> dirs = new ArrayList<>();
        if (pathVariable != null) {
            for (String part : pathVariable.split(java.io.File.pathSeparator)) {
                if (!part.isBlank()) {
                    try {
                        dirs.add(Path.of(part));
                    } catch (java.nio.file.InvalidPathException ignored) {
                        // A garbled PATH entry cannot hold our tool; skip it.
                    }
                }
            }
        }
        return dirs;
    }

    public Optional<Path> locate(String tool) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        for (Path dir : searchPath) {
            for (String name : windows ? List.of(tool + ".exe", tool) : List.of(tool)) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public ToolOutput run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Runs {@code command}; its first element is a tool name looked up on the search path,
     * or a path to an executable (tests pass scripts that way).
     */
    public ToolOutput run(List<String> commandLine) {
        String tool = commandLine.getFirst();
        Optional<Path> executable = tool.contains("/") || tool.contains(java.io.File.separator)
                ? Optional.of(Path.of(tool)).filter(Files::isExecutable)
                : locate(tool);
        if (executable.isEmpty()) {
            return new ToolOutput.NotFound(tool);
        }
        List<String> command = new ArrayList<>(commandLine);
        command.set(0, executable.get().toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            return new ToolOutput.Failed(tool, -1, String.valueOf(e.getMessage()));
        }
        CompletableFuture<String> stdout = drain(process.getInputStream());
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return new ToolOutput.TimedOut(tool, timeout.toMillis());
            }
            // The process is gone; its pipes close unless a child it left behind still holds them.
            String out = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue() == 0 ? new ToolOutput.Ok(out) : new ToolOutput.Failed(tool, process.exitValue(), err);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new ToolOutput.TimedOut(tool, timeout.toMillis());
        } catch (TimeoutException e) {
            kill(process);
            return new ToolOutput.TimedOut(tool, timeout.toMillis());
        } catch (ExecutionException e) {
            return new ToolOutput.Failed(tool, -1, String.valueOf(e.getCause().getMessage()));
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.io.File nullFile() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return new java.io.File(windows ? "NUL" : "/dev/null");
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                result.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return result;
    }
}
