package dev.breakeven.core.chat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test inputs beside the project in ../shared (read-only, located through the breakeven.shared property Surefire
 * sets), with a fresh clone in mind: the tiny model is also vendored in test resources, and a test that needs the
 * llama.cpp binaries is skipped with its reason when they are absent, except under CI, where it fails instead so
 * that CI always runs everything.
 */
public final class SharedModels {
    static final String TINY = "models/llama-2-tiny-random.gguf";

    private SharedModels() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("breakeven.shared", "../shared"));
    }

    /** The MIT tiny llama GGUF: ../shared's copy when present, else the identical one in src/test/resources. */
    public static Path tinyLlama() {
        Path model = shared().resolve(TINY);
        if (Files.isRegularFile(model)) {
            return model;
        }
        Path vendored = vendoredTinyLlama();
        assertThat(vendored).as("the vendored tiny model").isRegularFile();
        return vendored;
    }

    static Path vendoredTinyLlama() {
        URL url = SharedModels.class.getResource("/" + TINY);
        assertThat(url).as("src/test/resources/" + TINY + " on the test class path").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ../shared/llama.cpp/llama-server; skips the calling test when absent (fails under CI). */
    public static Path llamaServer() {
        Path server = shared().resolve("llama.cpp/llama-server");
        requireShared(Files.isExecutable(server), "llama-server at " + server.toAbsolutePath().normalize());
        return server;
    }

    /** ../shared/llama.cpp/llama-bench; skips the calling test when absent (fails under CI). */
    public static Path llamaBench() {
        Path bench = shared().resolve("llama.cpp/llama-bench");
        requireShared(Files.isExecutable(bench), "llama-bench at " + bench.toAbsolutePath().normalize());
        return bench;
    }

    static void requireShared(boolean present, String what) {
        if (present) {
            return;
        }
        String reason = what + " is absent: this test runs the llama.cpp binaries from ../shared"
                + " (set -Dbreakeven.shared=DIR to point elsewhere)";
        if (onCi()) {
            fail(reason + "; CI is set, so it must run, not skip");
        }
        Assumptions.abort(reason);
    }

    static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }
}
