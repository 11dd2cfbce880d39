package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.LlamaServerLocator;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Builds the engine for a local model file as a supervised child process: the built-in host or a llama-server.
 * One place for the CLI and the Chat page, so both start engines the same way.
 */
public final class LocalEngines {
    private final EngineSupervisor supervisor;
    private final LlamaServerLocator runtimes;

    public LocalEngines(EngineSupervisor supervisor, LlamaServerLocator runtimes) {
        this.supervisor = supervisor;
        this.runtimes = runtimes;
    }

    public EngineSupervisor supervisor() {
        return supervisor;
    }

    public LlamaServerLocator runtimes() {
        return runtimes;
    }

    /**
     * An engine (not yet started: {@link ChatEngine#prepare} starts it) serving {@code gguf}.
     * {@code threads} 0 = the server's choice.
     */
    public SupervisedEngine engine(EngineKind kind, Path gguf, int contextSize, int threads, Consumer<String> progress)
            throws ChatEngineException {
        EngineLaunch.ModelArgs model;
        try {
            model = new EngineLaunch.ModelArgs(gguf.toAbsolutePath(), contextSize, threads);
        } catch (IllegalArgumentException e) {
            throw new ChatEngineException(e.getMessage());
        }
        EngineLaunch launch = switch (kind) {
            case BUILTIN -> EngineLaunch.builtin(model, supervisor.logFileFor(kind, gguf));
            case RUNTIME -> EngineLaunch.runtime(runtimes.find().orElseThrow(() -> new ChatEngineException(
                    "No llama.cpp runtime (llama-server) was found: install one, put it on the PATH or point "
                            + LlamaServerLocator.ENVIRONMENT + " at it")), model, supervisor.logFileFor(kind, gguf));
            case EXTERNAL -> throw new IllegalArgumentException("an external server is reached by URL, not started");
        };
        String name = gguf.getFileName().toString().replaceAll("(?i)\\.gguf$", "");
        return new SupervisedEngine(supervisor, launch, name, progress);
    }
}
