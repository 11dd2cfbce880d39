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
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.RuntimeLaunchPlan;
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

    @Option(names = "--ngl", paramLabel = "N",
            description = "llama-server only: layers on the GPU (-ngl) instead of the fit plan's for this machine.")
    Integer gpuLayers;

    @Option(names = "--flash-attn", paramLabel = "on|off|auto",
            description = "llama-server only: flash attention (-fa) instead of the plan's (auto: on where the backend has it).")
    String flashAttn;

    @Option(names = "--kv-type", paramLabel = "TYPE",
            description = "llama-server only: KV cache type f16, q8_0 or q4_0 (-ctk/-ctv; quantized needs flash attention).")
    String kvType;

    @Option(names = "--mlock", description = "llama-server only: keep the model locked in RAM (--mlock).")
    boolean mlock;

    private String engineName = "";
    private java.util.List<String> engineArgs = java.util.List.of();

    /** The fit plan's llama-server flags the engine was started with (empty for others). */
    java.util.List<String> engineArgs() {
        return engineArgs;
    }

    /** The user's flags over the plan's; refused with a clear line when they make no sense. */
    private RuntimeLaunchPlan.Choices choices(CommandLine commandLine) {
        try {
            return new RuntimeLaunchPlan.Choices(
                    gpuLayers == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(gpuLayers),
                    Optional.ofNullable(flashAttn).map(FlashAttention::parse),
                    Optional.ofNullable(kvType).map(KvCacheType::parse), mlock);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

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
        RuntimeLaunchPlan.Choices choices = choices(commandLine);
        if (url && !choices.equals(RuntimeLaunchPlan.Choices.NONE)) {
            throw new CommandLine.ParameterException(commandLine, "--ngl, --flash-attn, --kv-type and --mlock are "
                    + "flags of a llama-server the app starts (--gguf with --engine runtime); a running server keeps its own");
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
            if (kind != EngineKind.RUNTIME && !choices.equals(RuntimeLaunchPlan.Choices.NONE)) {
                throw new CommandLine.ParameterException(commandLine, "--ngl, --flash-attn, --kv-type and --mlock are "
                        + "llama-server flags: use them with --engine runtime (this model runs on " + kind.wireName() + ")");
            }
            engineName = kind.wireName();
            PrintWriter err = commandLine.getErr();
            opened = engines.engine(kind, gguf, contextSize, threads, choices, message -> {
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
        if (opened instanceof dev.breakeven.core.chat.SupervisedEngine s) {
            engineArgs = s.engineArgs();
            if (verbose) {
                s.process().flatMap(p -> p.logFile()).ifPresent(log -> commandLine.getErr().println("engine log: " + log));
                if (!engineArgs.isEmpty()) {
                    commandLine.getErr().println("engine flags: " + String.join(" ", engineArgs) + " ("
                            + s.engineArgsReason() + ")");
                }
            }
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
