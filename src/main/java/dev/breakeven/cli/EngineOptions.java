package dev.breakeven.cli;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.LocalEngines;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.SampledAnswerPower;
import dev.breakeven.core.engine.EngineChoice;
import dev.breakeven.core.engine.EngineChooser;
import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineOverrides;
import dev.breakeven.core.engine.EngineUrls;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The engine options shared by {@code bench} and {@code chat}: a GGUF file served by a local engine process
 * (the built-in host or a llama-server runtime, the best by default), or the URL of a running server.
 */
final class EngineOptions {
    @Option(names = "--gguf", paramLabel = "PATH", description = "Model file, served by a local engine process.")
    Path gguf;

    @Option(names = "--engine", paramLabel = "builtin|runtime|URL",
            description = "builtin = the app's own host, runtime = a llama-server (llama.cpp), or the URL of a running "
                    + "OpenAI-compatible server (llama-server, Ollama, LM Studio). Default with --gguf: the best that "
                    + "can run the model.")
    String engine;

    @Option(names = "--engine-url", paramLabel = "URL", description = "Same as --engine URL.")
    String engineUrl;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for a local engine (default: its choice).")
    int threads;

    @Option(names = "--ctx", paramLabel = "TOKENS", defaultValue = "4096", description = "Context size (default: ${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--tdp", paramLabel = "WATTS",
            description = "Device TDP for a power estimate when no meter (nvidia-smi, RAPL, …) is readable.")
    Double tdpWatts;

    @Option(names = "--verbose", description = "Show the engine's start-up progress and its log file on stderr.")
    boolean verbose;

    private String engineName = "";

    /** "builtin", "runtime" or the server's URL (without credentials): which engine answered. */
    String engineName() {
        return engineName;
    }

    /** Builds and prepares the chosen engine, refusing bad files with the reader's and planner's reasons. */
    ChatEngine open(CommandLine commandLine, LocalEngines engines, Path settings) throws ChatEngineException {
        if (engine != null && engineUrl != null && !engine.equals(engineUrl)) {
            throw new CommandLine.ParameterException(commandLine, "give --engine or --engine-url, not both");
        }
        String chosen = engine != null ? engine.strip() : engineUrl;
        boolean url = chosen != null && !chosen.equalsIgnoreCase("builtin") && !chosen.equalsIgnoreCase("runtime");
        if (url && gguf != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--gguf is for a local engine; a server at a URL serves its own model (drop --gguf, or use --engine builtin|runtime)");
        }
        if (!url && gguf == null) {
            throw new CommandLine.ParameterException(commandLine,
                    "give --gguf PATH (a local engine) or --engine URL (a running server)");
        }
        int machine = Runtime.getRuntime().availableProcessors();
        if (threads < 0 || threads > machine) {
            throw new CommandLine.ParameterException(commandLine,
                    "--threads must be between 0 (automatic) and " + machine + " (this machine's threads)");
        }
        ChatEngine opened;
        if (url) {
            try {
                opened = new ExternalOpenAiEngine(ExternalSettings.of(chosen));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage());
            }
            engineName = ExternalSettings.of(chosen).baseUrl().toString();
        } else {
            ModelPreflight preflight = ModelPreflight.forThisMachine();
            preflight.forAnyArchitecture().check(gguf, contextSize); // the file, the memory, the planner's fit
            EngineKind kind = chosen != null ? EngineKind.valueOf(chosen.toUpperCase(Locale.ROOT))
                    : best(engines, settings);
            if (kind == EngineKind.BUILTIN) {
                preflight.check(gguf, contextSize); // and the bundled llama.cpp's architecture table
            }
            engineName = kind.wireName();
            PrintWriter err = commandLine.getErr();
            opened = engines.engine(kind, gguf, contextSize, threads, message -> {
                if (verbose) {
                    err.println(message);
                    err.flush();
                }
            });
        }
        try {
            opened.prepare(Cancellation.none());
        } catch (ChatEngineException e) {
            opened.close();
            throw new ChatEngineException(EngineUrls.redact(e.getMessage()), e);
        }
        if (verbose && opened instanceof dev.breakeven.core.chat.SupervisedEngine s) {
            s.process().flatMap(p -> p.logFile()).ifPresent(log -> commandLine.getErr().println("engine log: " + log));
        }
        return opened;
    }

    /** The user's choice for this model if it can run it, else the best engine that can; why none can otherwise. */
    private EngineKind best(LocalEngines engines, Path settings) throws ChatEngineException {
        EngineOverrides overrides = new EngineOverrides(settings);
        EngineChoice choice = new EngineChooser(engines.runtimes(), false).choose(gguf, overrides.get(gguf));
        Optional<EngineKind> kind = choice.chosen();
        if (kind.isEmpty()) {
            throw new ChatEngineException(gguf.getFileName() + ": " + choice.problem());
        }
        return kind.get();
    }

    AnswerPower power() {
        return SampledAnswerPower.forThisMachine(tdpWatts == null ? OptionalDouble.empty() : OptionalDouble.of(tdpWatts),
                "this machine");
    }
}
