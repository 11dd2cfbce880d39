package dev.breakeven.core.hardware;

/** What running an external tool came to. Probes turn each case into GPUs or a note, never an exception. */
public sealed interface ToolOutput {
    /** The tool is not installed (not on the search path): the normal case on most machines, not worth a note. */
    record NotFound(String tool) implements ToolOutput {
    }

    record Ok(String stdout) implements ToolOutput {
    }

    record Failed(String tool, int exitCode, String stderr) implements ToolOutput {
    }

    /** The tool ran past its time and was killed, with its children. */
    record TimedOut(String tool, long millis) implements ToolOutput {
    }

    /** A short sentence for the profile's notes, or null when there is nothing to say. */
    default String note() {
        return switch (this) {
            case NotFound n -> null;
            case Ok ok -> null;
            case Failed f -> f.tool() + " failed (exit " + f.exitCode() + ")"
                    + (f.stderr().isBlank() ? "" : ": " + firstLine(f.stderr()));
            case TimedOut t -> t.tool() + " did not answer within " + t.millis() + " ms and was stopped";
        };
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
