package dev.breakeven.core.runtime;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.SupervisedEngine;
import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.fit.RuntimeLaunchPlan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Starts the llama.cpp runtime on a file with the plan's flags (through the supervisor, as Chat does), reads
 * llama.cpp's allocation report from the engine log once the server is ready, stops it, sets the planner's terms
 * beside the report and keeps the pair ({@link AllocationCheckStore}).
 */
public final class AllocationChecker {
    private final LocalEngines engines;
    private final AllocationCheckStore store;
    private final Clock clock;

    public AllocationChecker(LocalEngines engines, AllocationCheckStore store, Clock clock) {
        this.engines = engines;
        this.store = store;
        this.clock = clock;
    }

    public AllocationChecker(LocalEngines engines, Path dataFolder) {
        this(engines, new AllocationCheckStore(dataFolder), Clock.systemUTC());
    }

    public AllocationCheckStore store() {
        return store;
    }

    /**
     * Checks {@code gguf} at {@code contextSize} tokens; blocks for the server's start (seconds on a small model,
     * up to a minute for a 7B on a slow disk): call it off the FX thread.
     */
    public AllocationCheck check(Path gguf, int contextSize, Cancellation cancel, Consumer<String> progress)
            throws ChatEngineException {
        RuntimeLaunchPlan plan = engines.runtimePlan(gguf, contextSize, RuntimeLaunchPlan.Choices.NONE);
        SupervisedEngine engine = engines.engine(EngineKind.RUNTIME, gguf, contextSize, 0, progress);
        String log;
        try {
            engine.prepare(cancel);
            Path logFile = engine.process().flatMap(p -> p.logFile()).orElseThrow(() ->
                    new ChatEngineException("the runtime was started without a log file"));
            // the lines come before "listening on", and the log is flushed line by line, so they are all there
            log = Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChatEngineException("Cannot read the engine log: " + e.getMessage());
        } finally {
            engine.close();
        }
        LlamaCppAllocations report = LlamaCppAllocations.parse(log);
        Path file = gguf.toAbsolutePath().normalize();
        AllocationCheck check = AllocationCheck.of(file.getFileName().toString(), file.toString(), contextSize,
                plan.request().target().label(), engine.engineArgs(), Instant.now(clock).toString(), plan.plan(),
                report);
        try {
            store.add(check);
        } catch (IOException e) {
            progress.accept("Could not keep the record in " + store.file() + ": " + e.getMessage());
        }
        return check;
    }
}
