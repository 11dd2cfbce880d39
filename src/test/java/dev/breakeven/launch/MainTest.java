package dev.breakeven.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void oneExistingGgufFileOpensTheWindowAnythingElseIsACommandLine(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("Model.GGUF"), new byte[] {1});
        assertThat(Main.opensAModel(new String[] {model.toString()})).isTrue();
        assertThat(Main.opensAModel(new String[] {dir.resolve("absent.gguf").toString()})).isFalse();
        assertThat(Main.opensAModel(new String[] {"gguf", model.toString()})).isFalse();
        assertThat(Main.opensAModel(new String[] {"--help"})).isFalse();
    }
}
