package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.chat.AnswerPower;
import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.MetricsSnapshot;
import dev.breakeven.core.chat.SamplingSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code breakeven chat}: answers one prompt, streaming the answer to stdout as it is generated. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Answer one prompt with a local model, a hosted API (--api, or --engine api:PROVIDER/MODEL) or both "
                + "routed (--engine hybrid, or --hybrid), streaming to stdout (metrics on stderr, or all as --json).",
                "--engine hybrid takes its local side from --gguf PATH or --engine-url URL and its API from --api."})
public final class ChatCommand implements Callable<Integer> {
    /** The exit code of an answer that was cut or whose engine died: the text is printed but incomplete. */
    static final int INCOMPLETE = 3;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Mixin
    ApiChatOptions apiOptions = new ApiChatOptions();

    private final AppServices services;

    @Option(names = "--prompt", required = true, description = "The question.")
    String prompt;

    @Option(names = "--system", defaultValue = "", description = "A system prompt.")
    String system;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Longest answer in tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", description = "Sampling temperature (default 0.8).")
    Double temperature;

    @Option(names = "--seed", defaultValue = "-1", description = "Sampling seed; negative = random.")
    long seed;

    @Option(names = "--json", description = "Print the answer and its metrics as one JSON object at the end.")
    boolean json;

    /** The {@code chat --json} contract; {@code note} says why an answer ended early (empty otherwise). */
    public record ChatAnswer(String answer, String stopReason, String engine, String model, MetricsSnapshot metrics,
                             Double watts, Double joules, String wattsSource, String note) {
    }

    ChatCommand(AppServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws ChatEngineException {
        if (prompt.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prompt is empty");
        }
        SamplingSettings defaults = SamplingSettings.defaults();
        SamplingSettings sampling;
        try {
            sampling = new SamplingSettings(temperature == null ? defaults.temperature() : temperature, defaults.topP(),
                    defaults.topK(), defaults.minP(), defaults.repeatPenalty(), seed, maxTokens);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        engineSpelling();
        if (apiOptions.active()) {
            return new ApiChat(services, apiOptions, spec.commandLine()).run(engineOptions, system, prompt, sampling, json);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ChatEngine engine = engineOptions.open(spec.commandLine(), services.engines(), services.dirs().settings())) {
            AnswerPower power = engineOptions.power();
            GenerationMetrics metrics = new GenerationMetrics();
            power.begin();
            GenerationResult result;
            try {
                result = engine.generate(new ChatRequest(system, List.of(ChatMessage.user(prompt)), sampling), metrics,
                        piece -> {
                            if (!json) {
                                out.print(piece);
                                out.flush();
                            }
                        }, Cancellation.none());
            } catch (ChatEngineException | RuntimeException e) {
                power.end();
                throw e;
            }
            AnswerPower.Figures energy = power.end();
            String source = energy.label();
            MetricsSnapshot m = result.metrics();
            if (json) {
                JsonOutput.print(out, new ChatAnswer(result.text(), result.stopReason().name(), engineOptions.engineName(),
                        engine.modelName(), m, energy.averageWatts(), energy.joules(), source, result.note()));
            } else {
                out.println();
                if (!result.note().isEmpty()) {
                    err.println("[" + result.stopReason().name().toLowerCase(Locale.ROOT) + ": " + result.note() + "]");
                }
                err.printf(Locale.ROOT, "[%d tokens, %s tok/s, first token %s ms, %s]%n", m.genTokens(),
                        fmt(m.decodeTokPerSec()), fmt(m.ttftMs()), source);
            }
            return result.stopReason().measurable() ? 0 : INCOMPLETE;
        }
    }

    /**
     * {@code --engine hybrid} and {@code --engine api:PROVIDER/MODEL}, the spelling that names every engine with one
     * option, become the {@code --hybrid} and {@code --api} they stand for.
     */
    private void engineSpelling() {
        String chosen = engineOptions.engine == null ? null : engineOptions.engine.strip();
        if (chosen == null) {
            return;
        }
        String lower = chosen.toLowerCase(Locale.ROOT);
        if (lower.equals("hybrid")) {
            if (engineOptions.gguf == null && engineOptions.engineUrl == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--engine hybrid takes its local side from --gguf PATH or --engine-url URL");
            }
            apiOptions.hybrid = true;
            engineOptions.engine = null;
        } else if (lower.startsWith("api:")) {
            String target = chosen.substring("api:".length()).strip();
            if (apiOptions.target != null && !apiOptions.target.strip().equals(target)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--engine api:" + target + " and --api " + apiOptions.target + " name different models");
            }
            if (apiOptions.hybrid) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--hybrid takes its local side from --gguf or --engine-url and its API from --api;"
                                + " --engine api:… answers with the API alone");
            }
            apiOptions.target = target;
            engineOptions.engine = null;
        }
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }
}
