package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts read {@code --json} from stdout of a real process. java-llama.cpp prints a line to System.out when it
 * extracts its native library; that line must not land in front of the JSON.
 */
@org.junit.jupiter.api.Tag("slow") // native llama.cpp loads: skip with -DexcludedGroups=slow
class JsonStdoutTest {
    @TempDir
    Path home;

    @Test
    void benchJsonIsTheWholeOfStdoutInARealProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dbreakeven.home=" + home,
                "-Dbreakeven.llama-server=" + SharedModels.llamaServer(),
                "-cp", System.getProperty("java.class.path"), "dev.breakeven.launch.Main",
                "bench", "--gguf", SharedModels.tinyLlama().toString(),
                "--prompt-tokens", "8", "--gen-tokens", "8", "--threads", "2", "--json"))
                .redirectError(home.resolve("stderr.txt").toFile())
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(stdout).isZero();
        JsonNode json = Json.mapper().readTree(stdout);
        assertThat(stdout.strip()).startsWith("{").endsWith("}");
        assertThat(json.get("genTokens").asInt()).isPositive();
        assertThat(json.get("decodeTokPerSec").asDouble()).isPositive();
    }

    @Test
    void aUserErrorIsOneLineOnStderrInARealProcessWithTheTraceOnlyInTheLog() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Dbreakeven.home=" + home,
                "-cp", System.getProperty("java.class.path"), "dev.breakeven.launch.Main",
                "gguf", home.resolve("missing.gguf").toString()))
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(stdout).isEmpty();
        assertThat(stderr.strip().lines()).as(stderr).hasSize(1);
        assertThat(stderr).startsWith("error: ").contains("missing.gguf").doesNotContain("Exception", "\tat ");
    }
}
