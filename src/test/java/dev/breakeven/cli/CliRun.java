package dev.breakeven.cli;

import dev.breakeven.app.AppServices;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One command line run through {@link BreakevenCommand} the way a user runs it, with its output captured. */
record CliRun(int code, String out, String err) {

    static CliRun run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BreakevenCommand.run(AppServices.forTest(home), args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
