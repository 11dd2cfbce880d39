package dev.breakeven.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code fit --url/--hf} output: the same JSON as {@code fit --gguf}, plus what the header read transferred. */
record RemoteOutput(@JsonUnwrapped FitCommand.Output plan, long bytesRead, long fileBytes, int shards, String url,
                    List<String> remoteNotes) {

    static void print(PrintWriter out, boolean json, FitCommand.Output plan, RemoteSubject remote) {
        var result = remote.result();
        if (json) {
            JsonOutput.print(out, new RemoteOutput(plan, result.bytesRead(), result.fileBytes(),
                    result.shards().size(), remote.url().toString(), result.notes()));
            return;
        }
        FitCommand.printText(out, plan);
        result.notes().forEach(n -> out.println("note     " + n));
        out.printf(Locale.ROOT, "read     %.2f MB of headers from %d file%s (%.2f GB to download) at %s%n",
                result.bytesRead() / 1e6, result.shards().size(), result.shards().size() == 1 ? "" : "s",
                result.fileBytes() / 1e9, remote.url());
    }
}
