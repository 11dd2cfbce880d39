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

/** {@code breakeven bench}: one prompt and one generation, timed by the app and by llama.cpp itself. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure prompt and decode speed (and power, where readable) of a model on this machine.")
public final class BenchCommand implements Callable<Integer> {
    private final AppServices services;
    private static final String[] FILLER = ("the power of a local model depends on memory bandwidth compute "
            + "and the size of each weight so we measure it here with a plain prompt of ordinary words").split(" ");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "Prompt length in tokens (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--gen-tokens", defaultValue = "64", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int genTokens;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    BenchCommand(AppServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws ChatEngineException {
        if (promptTokens < 1 || genTokens < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prompt-tokens must be ≥ 1 and --gen-tokens ≥ 2");
        }
        if (engineOptions.gguf != null && promptTokens + genTokens > engineOptions.contextSize) {
            throw new CommandLine.ParameterException(spec.commandLine(), tooLong(engineOptions.contextSize));
        }
        try (ChatEngine engine = engineOptions.open(spec.commandLine(), services.engines(), services.dirs().settings())) {
            if (engine.contextSize() > 0 && promptTokens + genTokens > engine.contextSize()) {
                // the server would truncate the prompt and the figures would describe a shorter one
                throw new CommandLine.ParameterException(spec.commandLine(), tooLong(engine.contextSize()));
            }
            BenchResult result = run(engine, engineOptions.power(), promptTokens, genTokens, engineOptions.engineName());
            result = new BenchResult(result.promptTokens(), result.genTokens(), result.ttftMs(), result.promptTokPerSec(),
                    result.decodeTokPerSec(), result.engineDecodeTokPerSec(), result.watts(), result.wattsSource(),
                    result.joulesPerToken(), result.engine(), engineOptions.engineArgs());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, result);
            } else {
                out.printf(Locale.ROOT, "prompt %d tokens at %s tok/s, first token after %s ms%n", result.promptTokens(),
                        fmt(result.promptTokPerSec()), fmt(result.ttftMs()));
                out.printf(Locale.ROOT, "decode %d tokens at %s tok/s (llama.cpp reports %s tok/s)%n", result.genTokens(),
                        fmt(result.decodeTokPerSec()), fmt(result.engineDecodeTokPerSec()));
                out.printf(Locale.ROOT, "power %s W (%s), %s J/token%n", fmt(result.watts()), result.wattsSource(),
                        fmt(result.joulesPerToken()));
                if (!result.engineArgs().isEmpty()) {
                    out.println("engine llama-server " + String.join(" ", result.engineArgs()) + " (from the fit plan)");
                }
            }
        }
        return 0;
    }

    private String tooLong(int context) {
        return "--prompt-tokens " + promptTokens + " + --gen-tokens " + genTokens + " do not fit the engine's context of "
                + context + " tokens (the prompt would be truncated); raise --ctx or ask for fewer tokens";
    }

    /** Runs the benchmark on a prepared engine; {@code engineName} is what {@code --engine} named. */
    static BenchResult run(ChatEngine engine, AnswerPower power, int promptTokens, int genTokens, String engineName)
            throws ChatEngineException {
        ChatRequest request = requestOf(engine, promptTokens, genTokens);
        GenerationMetrics metrics = new GenerationMetrics();
        power.begin();
        GenerationResult result;
        try {
            result = engine.generate(request, metrics, piece -> { }, Cancellation.none());
        } catch (ChatEngineException | RuntimeException e) {
            power.end();
            throw e;
        }
        AnswerPower.Figures energy = power.end();
        if (!result.stopReason().measurable()) {
            throw new ChatEngineException("No figures: the answer ended early after " + result.metrics().genTokens()
                    + " tokens (" + result.note() + ")");
        }
        MetricsSnapshot m = result.metrics();
        Double perToken = energy.joules() == null || m.genTokens() == 0 ? null : energy.joules() / m.genTokens();
        String source = energy.label();
        return new BenchResult(m.promptTokens(), m.genTokens(), m.ttftMs(), m.promptTokPerSec(), m.decodeTokPerSec(),
                m.engineDecodeTokPerSec(), energy.averageWatts(), source, perToken, engineName,
                engine instanceof dev.breakeven.core.chat.SupervisedEngine s ? s.engineArgs() : List.of());
    }

    /**
     * A user message of ordinary words whose templated prompt takes {@code promptTokens} tokens (or up to two more),
     * built from the engine's own counts: the template's overhead, one guess, then steps sized by the measured
     * tokens per word. A handful of counts, not one per word (which made 8,000 tokens take minutes).
     */
    static ChatRequest requestOf(ChatEngine engine, int promptTokens, int genTokens) {
        SamplingSettings sampling = SamplingSettings.defaults().withMaxTokens(genTokens).withSeed(42);
        int overhead = engine.countPromptTokens(request(0, sampling));
        int words = Math.max(1, promptTokens - overhead);
        ChatRequest request = request(words, sampling);
        int counted = engine.countPromptTokens(request);
        for (int round = 0; round < 12 && !(counted >= promptTokens && counted - promptTokens <= 2); round++) {
            double perWord = Math.max(0.5, (counted - overhead) / (double) words);
            int step = (int) ((promptTokens - counted) / perWord);
            words = Math.max(1, words + (step != 0 ? step : counted < promptTokens ? 1 : -1));
            request = request(words, sampling);
            counted = engine.countPromptTokens(request);
        }
        for (int round = 0; round < 8 && counted < promptTokens; round++) {
            words++; // never fewer than asked: the figures are for at least this prompt
            request = request(words, sampling);
            counted = engine.countPromptTokens(request);
        }
        return request;
    }

    private static ChatRequest request(int words, SamplingSettings sampling) {
        StringBuilder text = new StringBuilder(words * 8);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(FILLER[i % FILLER.length]);
        }
        return new ChatRequest("", List.of(ChatMessage.user(text.toString())), sampling, true);
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }
}
