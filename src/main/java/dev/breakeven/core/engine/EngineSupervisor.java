package dev.breakeven.core.engine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts model servers as child processes on free loopback ports, waits until they are ready, and stops them:
 * on request (model switch), when the app closes ({@link #close()}), and from a shutdown hook when the JVM ends
 * another way. Every process gets a pid file so that a later start can stop the engines a crashed app left
 * behind ({@link #stopOrphans()}). No JavaFX: the GUI, the CLI and tests share it.
 */
public final class EngineSupervisor implements AutoCloseable {
    /** How long to wait for readiness and for a graceful stop. */
    public record Timing(Duration readyTimeout, Duration stopGrace, Duration pollEvery) {
        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(180), Duration.ofMillis(1500), Duration.ofMillis(100));
        }
    }

    private final PidFiles pidFiles;
    private final Path logFolder;
    private final Timing timing;
    private final NativeFaults nativeFaults;
    private final Set<EngineProcess> running = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = Thread.ofPlatform().unstarted(this::stopAll);
    private volatile boolean orphansChecked;
    private boolean hookAdded;
    private volatile boolean closed;

    public EngineSupervisor(Path runFolder, Path logFolder, Timing timing) {
        this.pidFiles = new PidFiles(runFolder);
        this.logFolder = logFolder;
        this.timing = timing;
        // beside the run folder, in the app's data folder: a known fault outlives the processes
        this.nativeFaults = NativeFaults.at(runFolder.toAbsolutePath().resolveSibling("native-faults.json"));
    }

    /** The native faults remembered per llama-server binary and CPU (e.g. the AMX crash that needs --no-repack). */
    public NativeFaults nativeFaults() {
        return nativeFaults;
    }

    public EngineSupervisor(Path runFolder, Path logFolder) {
        this(runFolder, logFolder, Timing.defaults());
    }

    /** Where engine logs go; one file per model and kind, the previous run's kept beside it. */
    public Path logFolder() {
        return logFolder;
    }

    /** The log file for a model served by an engine of {@code kind}. */
    public Path logFileFor(EngineKind kind, Path gguf) {
        String stem = gguf.getFileName().toString().replaceAll("(?i)\\.gguf$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return logFolder.resolve("engine-" + kind.wireName() + "-" + stem + ".log");
    }

    public Timing timing() {
        return timing;
    }

    /**
     * Starts the engine and returns once {@code /health} answers 200. {@code progress} hears what is happening
     * (on this thread); {@code cancelled} is polled and stops the start.
     */
    public EngineProcess start(EngineLaunch launch, Consumer<String> progress, BooleanSupplier cancelled)
            throws EngineStartException {
        if (closed) {
            throw new EngineStartException("the app is closing; no engine is started");
        }
        if (launch.kind() == EngineKind.EXTERNAL) {
            return EngineProcess.external(launch);
        }
        if (!orphansChecked) {
            stopOrphans();
        }
        addShutdownHook();
        progress.accept("Starting " + launch.label() + "…");
        EngineProcess engine;
        try {
            engine = EngineProcess.spawn(launch);
        } catch (IOException e) {
            throw new EngineStartException("Could not start " + launch.label() + " (" + launch.argv().getFirst()
                    + "): " + e.getMessage(), e);
        }
        running.add(engine);
        long pid = engine.pid().orElseThrow();
        try {
            pidFiles.write(engine.process().toHandle());
        } catch (IOException e) {
            engine.note("could not write the pid file in " + pidFiles.folder() + ": " + e.getMessage());
        }
        engine.process().onExit().thenRun(() -> {
            running.remove(engine);
            pidFiles.delete(pid);
        });
        try {
            awaitReady(engine, progress, cancelled);
            return engine;
        } catch (EngineStartException | RuntimeException e) {
            stop(engine);
            throw e;
        }
    }

    private void awaitReady(EngineProcess engine, Consumer<String> progress, BooleanSupplier cancelled)
            throws EngineStartException {
        long startNanos = System.nanoTime();
        long deadline = startNanos + timing.readyTimeout().toNanos();
        int lastSecond = -1;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new EngineStartException("Cancelled.");
            }
            if (!engine.isAlive()) {
                try {
                    engine.awaitExit(Duration.ofMillis(500)); // let the log pump catch the last lines
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new EngineStartException("The engine stopped before it was ready: " + engine.deathReason());
            }
            int seconds = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
            URI url = engine.baseUrl();
            if (url != null) {
                int status = health(url);
                if (status == 200) {
                    engine.note("ready at " + url + " after " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
                    return;
                }
                if (seconds != lastSecond) {
                    progress.accept("Loading the model… " + seconds + " s");
                }
            } else if (seconds != lastSecond) {
                progress.accept("Starting " + engine.launch().label() + "… " + seconds + " s");
            }
            lastSecond = seconds;
            if (System.nanoTime() > deadline) {
                throw new EngineStartException("The engine did not become ready in " + timing.readyTimeout().toSeconds()
                        + " s; last log lines: " + engine.tail().summary(5));
            }
            try {
                Thread.sleep(timing.pollEvery().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineStartException("Interrupted while the engine was starting.");
            }
        }
    }

    /** Registered with the first engine, so that supervisors that never start one leave no hook behind. */
    private synchronized void addShutdownHook() {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookAdded = true;
        }
    }

    /** The HTTP status of {@code GET /health}, or -1 when nothing answers yet. */
    private int health(URI base) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops one engine: a polite request, then force after the grace period. Blocks until it ended. */
    public void stop(EngineProcess engine) {
        if (engine == null) {
            return;
        }
        engine.stop(timing.stopGrace());
        running.remove(engine);
        engine.pid().ifPresent(pidFiles::delete);
    }

    /** Stops every engine this supervisor started, in parallel so closing the app takes one grace period. */
    public void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (EngineProcess engine : List.copyOf(running)) {
            stoppers.add(Thread.ofPlatform().start(() -> stop(engine)));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Engines this supervisor started that are still running. */
    public List<EngineProcess> running() {
        return List.copyOf(running);
    }

    /**
     * Stops engines left behind by an app that ended without stopping them (crash, kill -9), found through
     * their pid files; returns their pids. Engines of an app that still runs are left alone.
     */
    public List<Long> stopOrphans() {
        orphansChecked = true;
        List<Long> stopped = new ArrayList<>();
        for (PidFiles.Entry entry : pidFiles.entries()) {
            if (running.stream().anyMatch(e -> e.pid().orElse(-1L) == entry.pid())) {
                continue;
            }
            Optional<ProcessHandle> orphan = PidFiles.orphan(entry);
            if (orphan.isPresent()) {
                ProcessHandle process = orphan.get();
                process.destroy();
                try {
                    process.onExit().get(timing.stopGrace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception notYet) {
                    process.destroyForcibly();
                }
                stopped.add(entry.pid());
                pidFiles.delete(entry.pid());
            } else if (ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessHandle.of(entry.ownerPid()).isPresent()) {
                continue; // another running app's engine
            } else {
                pidFiles.delete(entry.pid());
            }
        }
        return stopped;
    }

    @Override
    public void close() {
        closed = true;
        stopAll();
        synchronized (this) {
            if (hookAdded) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it finds nothing left to stop
                }
                hookAdded = false;
            }
        }
    }
}
