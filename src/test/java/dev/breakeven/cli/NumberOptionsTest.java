package dev.breakeven.cli;

import dev.breakeven.core.io.UserNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every number typed on a command line is checked in one place before a command runs. */
class NumberOptionsTest {
    @TempDir
    Path home;

    @Test
    void anInfinitePriceStopsCompareWithOneClearLine() {
        CliRun r = CliRun.run(home, "compare", "--gpu", "RTX 3090", "--price", "Infinity", "--model", "qwen3-32b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --price: Infinity is not a finite number");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anAbsurdElectricityPriceStopsCompareAndCost() {
        CliRun compare = CliRun.run(home, "compare", "--gpu", "RTX 3090", "--model", "qwen3-32b", "--kwh-usd", "1e15");
        assertThat(compare.code()).isEqualTo(2);
        assertThat(compare.err()).startsWith("error: --kwh-usd: 1.00e+15 looks wrong; it must be at most 10 USD per kWh");
        CliRun cost = CliRun.run(home, "cost", "--kwh-usd", "NaN");
        assertThat(cost.err()).startsWith("error: --kwh-usd: NaN is not a finite number");
    }

    @Test
    void negativeSizesAndZeroContextAreRefused() {
        assertThat(CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "0").err())
                .startsWith("error: --ctx: 0 is too small; it must be at least 1 tokens");
        assertThat(CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "4096",
                "--vram", "-5").err()).startsWith("error: --vram: -5 is too small; it must be 0 or more GiB");
    }

    @Test
    void everyNumericOptionOfEveryCommandHasItsOwnLimit() {
        // A new numeric option must say its bounds here, or it falls back to "any finite number".
        CommandLine cli = new CommandLine(new BreakevenCommand(), new CommandFactory(dev.breakeven.app.AppServices.forTest(home)));
        List<String> unlisted = new ArrayList<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                Class<?> type = option.typeInfo().isCollection()
                        ? option.typeInfo().getAuxiliaryTypes()[0] : option.type();
                boolean numeric = Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class);
                if (numeric && !NumberOptions.LIMITS.containsKey(option.longestName()) && !option.longestName().equals("--seed")) {
                    unlisted.add(sub.getCommandName() + " " + option.longestName());
                }
            }
        }
        assertThat(unlisted).isEmpty();
    }

    @Test
    void messagesNameTheFieldTheValueAndTheBound() {
        assertThat(UserNumbers.problem("Electricity price", 1e15, UserNumbers.USD_PER_KWH)).hasValue(
                "Electricity price: 1.00e+15 looks wrong; it must be at most 10 USD per kWh");
        assertThat(UserNumbers.problem("VRAM", 0, UserNumbers.GIB)).hasValue("VRAM: it must be more than 0 GiB");
        assertThat(UserNumbers.problem("Hours", 24, UserNumbers.HOURS_PER_DAY)).isEmpty();
        assertThat(UserNumbers.problem("Hours", Double.NEGATIVE_INFINITY, UserNumbers.HOURS_PER_DAY))
                .hasValue("Hours: -Infinity is not a finite number");
    }
}
