package dev.breakeven.core.chat;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths into ../shared (read-only), located through the breakeven.shared property Surefire sets. */
public final class SharedModels {
    private SharedModels() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("breakeven.shared", "../shared"));
    }

    public static Path tinyLlama() {
        Path model = shared().resolve("models/llama-2-tiny-random.gguf");
        assertThat(model).as("the shared tiny model").isRegularFile();
        return model;
    }

    public static Path llamaServer() {
        Path server = shared().resolve("llama.cpp/llama-server");
        assertThat(Files.isExecutable(server)).as("llama-server at " + server).isTrue();
        return server;
    }
}
