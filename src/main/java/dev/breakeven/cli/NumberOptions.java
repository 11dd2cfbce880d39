package dev.breakeven.cli;

import dev.breakeven.core.io.UserNumbers;
import dev.breakeven.core.io.UserNumbers.Limit;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * Checks every number typed on a command line against {@link UserNumbers} before a command runs, so that
 * {@code compare --price Infinity} or {@code --kwh-usd 1e15} stop with one clear line. Options are matched by name;
 * a numeric option missing here is still held to finite values.
 */
final class NumberOptions {
    static final Map<String, Limit> LIMITS = Map.ofEntries(
            entry("--price", UserNumbers.USD),
            entry("--hardware-usd", UserNumbers.USD),
            entry("--api-in", UserNumbers.USD_PER_MTOK),
            entry("--api-out", UserNumbers.USD_PER_MTOK),
            entry("--kwh-usd", UserNumbers.USD_PER_KWH),
            entry("--tokens-in-per-day", UserNumbers.TOKENS_PER_DAY),
            entry("--tokens-out-per-day", UserNumbers.TOKENS_PER_DAY),
            entry("--hours-per-day", UserNumbers.HOURS_PER_DAY),
            entry("--amortize-months", UserNumbers.MONTHS),
            entry("--api-share", UserNumbers.SHARE),
            entry("--watts", UserNumbers.WATTS),
            entry("--tdp", UserNumbers.WATTS),
            entry("--vram", UserNumbers.GIB),
            entry("--ram", UserNumbers.GIB),
            entry("--headroom", UserNumbers.HEADROOM_GIB),
            entry("--bandwidth", UserNumbers.GB_PER_SECOND),
            entry("--ram-bandwidth", UserNumbers.GB_PER_SECOND),
            entry("--tflops", UserNumbers.TFLOPS),
            entry("--tok-per-sec", UserNumbers.TOKENS_PER_SECOND),
            entry("--cpu-cores", UserNumbers.CORES),
            entry("--threads", UserNumbers.THREADS),
            entry("--parallel", UserNumbers.PARALLEL_SLOTS),
            entry("--concurrency", UserNumbers.STREAMS),
            entry("--usd-per-kwh", UserNumbers.USD_PER_KWH),
            entry("--years", UserNumbers.YEARS),
            entry("--port", UserNumbers.PORT),
            entry("--ctx", UserNumbers.CONTEXT_TOKENS),
            entry("--prompt-tokens", UserNumbers.TOKENS),
            entry("--gen-tokens", UserNumbers.TOKENS),
            entry("--max-tokens", UserNumbers.TOKENS),
            entry("--temperature", UserNumbers.TEMPERATURE),
            entry("--seconds", UserNumbers.SECONDS),
            entry("--turns", UserNumbers.COUNT),
            entry("--ngl", UserNumbers.GPU_LAYERS));

    private NumberOptions() {
    }

    /** Throws a ParameterException (one line through the CLI's handler) for the first number out of bounds. */
    static void check(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            for (OptionSpec option : level.matchedOptions()) {
                Limit limit = LIMITS.getOrDefault(option.longestName(), UserNumbers.ANY);
                for (Object value : values(option.getValue())) {
                    if (value instanceof Number number) {
                        Optional<String> problem = UserNumbers.problem(option.longestName(), number.doubleValue(), limit);
                        if (problem.isPresent()) {
                            throw new CommandLine.ParameterException(level.commandSpec().commandLine(), problem.get());
                        }
                    }
                }
            }
        }
    }

    private static Collection<?> values(Object value) {
        if (value instanceof Collection<?> many) {
            return many;
        }
        return value == null ? List.of() : List.of(value);
    }
}
