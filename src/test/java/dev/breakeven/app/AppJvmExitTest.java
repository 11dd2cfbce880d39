package dev.breakeven.app;

import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.LlamaServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's JVM ends by itself after a model was loaded and an answer streamed, and so does its engine. */
class AppJvmExitTest {
    @TempDir
    Path home;

    @Test
    void theJvmAndItsEngineEndWithinTwoSecondsOfClosing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-D" + LlamaServerLocator.PROPERTY + "=" + SharedModels.llamaServer(),
                "-cp", System.getProperty("java.class.path"), EngineCycleMain.class.getName(), home.toString(),
                SharedModels.tinyLlama().toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        long closingAt = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("closing")) {
                    closingAt = System.nanoTime();
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closingAt);
        assertThat(closingAt).as(String.join("\n", lines)).isPositive();
        assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(exitMs).as("from close to the JVM's exit").isLessThan(2_000);
        assertThat(lines).anyMatch(l -> l.matches("answered [1-9]\\d* tokens"));
        long enginePid = lines.stream().filter(l -> l.startsWith("engine pid ")).map(l -> Long.parseLong(l.substring(11)))
                .findFirst().orElseThrow();
        assertThat(ProcessHandle.of(enginePid).map(ProcessHandle::isAlive).orElse(false)).as("the engine process").isFalse();
    }
}
