package dev.breakeven.cli;

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

    @Override
    public Integer call() throws ChatEngineException {
        if (promptTokens < 1 || genTokens < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--prompt-tokens must be ≥ 1 and --gen-tokens ≥ 2");
        }
        try (ChatEngine engine = engineOptions.open(spec.commandLine())) {
            BenchResult result = run(engine, engineOptions.power(), promptTokens, genTokens);
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
            }
        }
        return 0;
    }

    /** Runs the benchmark on a prepared engine. */
    static BenchResult run(ChatEngine engine, AnswerPower power, int promptTokens, int genTokens) throws ChatEngineException {
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
        MetricsSnapshot m = result.metrics();
        Double perToken = energy.joules() == null || m.genTokens() == 0 ? null : energy.joules() / m.genTokens();
        String source = energy.averageWatts() == null ? "unavailable"
                : energy.measured() ? "measured (" + energy.source() + ")" : "estimated";
        return new BenchResult(m.promptTokens(), m.genTokens(), m.ttftMs(), m.promptTokPerSec(), m.decodeTokPerSec(),
                m.engineDecodeTokPerSec(), energy.averageWatts(), source, perToken);
    }

    /** A user message of ordinary words, grown until the templated prompt reaches the wanted token count. */
    static ChatRequest requestOf(ChatEngine engine, int promptTokens, int genTokens) {
        SamplingSettings sampling = SamplingSettings.defaults().withMaxTokens(genTokens).withSeed(42);
        StringBuilder text = new StringBuilder(FILLER[0]);
        int i = 1;
        ChatRequest request = new ChatRequest("", List.of(ChatMessage.user(text.toString())), sampling, true);
        while (engine.countPromptTokens(request) < promptTokens) {
            text.append(' ').append(FILLER[i % FILLER.length]);
            i++;
            request = new ChatRequest("", List.of(ChatMessage.user(text.toString())), sampling, true);
        }
        return request;
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }
}
