package dev.breakeven.core.power;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a measuring tool and returns its standard output, killing it when it hangs: a wedged
 * driver can make nvidia-smi block for minutes, and a sampler must never block with it.
 */
final class ToolRunner {
    private ToolRunner() {
    }

    /** Output of a finished run; {@code exitCode} is -1 when the tool was killed on timeout. */
    record Result(int exitCode, String stdout, boolean timedOut) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }

    static Result run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, "", true);
            }
            reader.join(timeout.toMillis());
            synchronized (out) {
                return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), false);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "", true);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ignored) {
            // The process was killed or closed its output: what was read so far is all there is.
        }
    }
}
