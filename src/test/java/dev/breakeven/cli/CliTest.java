package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir
    Path home;

    @Test
    void helpListsUsageAndExitsZero() {
        StringWriter out = new StringWriter();
        int code = BreakevenCommand.run(AppServices.forTest(home), new String[] {"--help"},
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: breakeven");
    }

    @Test
    void unknownCommandIsAnErrorWithUsage() {
        StringWriter err = new StringWriter();
        int code = BreakevenCommand.run(AppServices.forTest(home), new String[] {"no-such-command"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("no-such-command");
    }

    @Test
    void aWrongOptionValueIsOneErrorLineWithAPointerToHelp() {
        CliRun r = CliRun.run(home, "cost", "--api-in", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: Invalid value for option '--api-in': 'x'")
                .contains("see 'breakeven cost --help'")
                .doesNotContain("Usage:");
    }
}
