package dev.breakeven.core.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real llama-server and tiny model in ../shared (read-only). Skipped where ../shared is absent, except on CI
 * ({@code CI} set), where their absence is a failure: CI must run these tests.
 */
public final class SharedRuntime {
    private SharedRuntime() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("breakeven.shared", "../shared"));
    }

    public static Path server() {
        return require(shared().resolve("llama.cpp/llama-server"));
    }

    public static Path tinyModel() {
        return require(shared().resolve("models/llama-2-tiny-random.gguf"));
    }

    private static Path require(Path file) {
        if (System.getenv("CI") != null) {
            assertThat(file).as("shared file on CI").isRegularFile();
        } else {
            assumeTrue(Files.isRegularFile(file), "needs " + file);
        }
        return file;
    }
}
