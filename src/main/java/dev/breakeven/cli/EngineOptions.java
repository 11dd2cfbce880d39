package dev.breakeven.cli;

import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.EmbeddedLlamaEngine;
import dev.breakeven.core.chat.EmbeddedSettings;
import dev.breakeven.core.chat.ExternalOpenAiEngine;
import dev.breakeven.core.chat.ExternalSettings;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.core.chat.SampledAnswerPower;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** The engine options shared by {@code bench} and {@code chat}: a GGUF file (embedded) or a server URL. */
final class EngineOptions {
    @Option(names = "--gguf", paramLabel = "PATH", description = "Model file for the embedded llama.cpp engine.")
    Path gguf;

    @Option(names = "--engine-url", paramLabel = "URL",
            description = "A local OpenAI-compatible server instead (llama-server, Ollama, LM Studio), e.g. http://127.0.0.1:8080.")
    String engineUrl;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the embedded engine (default: llama.cpp's choice).")
    int threads;

    @Option(names = "--ctx", paramLabel = "TOKENS", defaultValue = "4096", description = "Context size (default: ${DEFAULT-VALUE}).")
    int contextSize;

    @Option(names = "--tdp", paramLabel = "WATTS",
            description = "Device TDP for a power estimate when no meter (nvidia-smi, RAPL, …) is readable.")
    Double tdpWatts;

    @Option(names = "--verbose", description = "Show llama.cpp's own log on stderr.")
    boolean verbose;

    /** Builds and prepares the chosen engine, refusing bad files with the reader's and planner's reasons. */
    ChatEngine open(CommandLine commandLine) throws ChatEngineException {
        if ((gguf == null) == (engineUrl == null)) {
            throw new CommandLine.ParameterException(commandLine, "give exactly one of --gguf PATH or --engine-url URL");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if (threads < 0 || threads > processors) { // llama.cpp segfaults on 100000 and aborts on 2^31-1
            throw new CommandLine.ParameterException(commandLine, "--threads must be from 1 to " + processors
                    + " (the processors available on this machine), or 0 for llama.cpp's choice, not " + threads);
        }
        ChatEngine engine;
        if (engineUrl != null) {
            try {
                engine = new ExternalOpenAiEngine(ExternalSettings.of(engineUrl));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage());
            }
        } else {
            EmbeddedSettings settings;
            try {
                settings = EmbeddedSettings.of(gguf).withContextSize(contextSize).withThreads(threads);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage());
            }
            ModelPreflight.forThisMachine().check(gguf, contextSize);
            PrintWriter err = commandLine.getErr();
            engine = new EmbeddedLlamaEngine(settings, log -> {
                if (verbose) {
                    err.print(log);
                    err.flush();
                }
            });
        }
        try {
            engine.prepare(Cancellation.none());
        } catch (ChatEngineException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    AnswerPower power() {
        return SampledAnswerPower.forThisMachine(tdpWatts == null ? OptionalDouble.empty() : OptionalDouble.of(tdpWatts),
                "this machine");
    }
}
