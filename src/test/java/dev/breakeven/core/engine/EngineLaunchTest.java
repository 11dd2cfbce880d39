package dev.breakeven.core.engine;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command lines the supervisor runs: the app's own host, a llama-server, and what is refused. */
class EngineLaunchTest {
    private final Path model = Path.of("/models/tiny.gguf");

    @Test
    void theBuiltinHostIsThisJavaWithTheAppsClassPathRunningServeOnAFreeLoopbackPort() {
        EngineLaunch launch = EngineLaunch.builtin(new EngineLaunch.ModelArgs(model, 2048, 1), Path.of("host.log"));
        assertThat(launch.kind()).isEqualTo(EngineKind.BUILTIN);
        assertThat(launch.argv().getFirst()).isEqualTo(EngineLaunch.currentJava());
        assertThat(launch.argv()).containsSubsequence("-cp", EngineLaunch.absoluteClassPath(System.getProperty("java.class.path")),
                "dev.breakeven.launch.Main", "serve", "--gguf", model.toString(), "--host", "127.0.0.1", "--port", "0",
                "--ctx", "2048", "--threads", "1");
    }

    @Test
    void relativePathsOfAJarRunAreMadeAbsoluteBecauseTheHostRunsInTheModelsFolder() {
        // "java -jar target/breakeven.jar chat --gguf models/x.gguf --engine builtin" from the project folder
        EngineLaunch launch = EngineLaunch.builtin("java", "target/breakeven.jar" + java.io.File.pathSeparator + "lib/*",
                new EngineLaunch.ModelArgs(Path.of("models/x.gguf"), 2048, 0), Path.of("host.log"));
        String cwd = Path.of("").toAbsolutePath().toString();
        assertThat(launch.argv()).containsSubsequence("-cp", Path.of(cwd, "target/breakeven.jar")
                + java.io.File.pathSeparator + Path.of(cwd, "lib") + java.io.File.separator + "*");
        assertThat(launch.argv()).containsSubsequence("--gguf", Path.of(cwd, "models/x.gguf").toString());
        assertThat(launch.workingDir()).isEqualTo(Path.of(cwd, "models"));
    }

    @Test
    void theRuntimeIsLlamaServerWithJinjaOnLoopback() {
        EngineLaunch launch = EngineLaunch.runtime(Path.of("/opt/llama/llama-server"),
                new EngineLaunch.ModelArgs(model, 512, 0), null);
        assertThat(launch.argv()).containsExactly(Path.of("/opt/llama/llama-server").toAbsolutePath().toString(), "-m",
                model.toAbsolutePath().toString(), "-c", "512",
                "--host", "127.0.0.1", "--port", "0", "--jinja");
    }

    @Test
    void threadCountsBeyondTheMachineAndTinyContextsAreRefused() {
        int machine = Runtime.getRuntime().availableProcessors();
        assertThatThrownBy(() -> new EngineLaunch.ModelArgs(model, 512, 100_000))
                .hasMessage("threads must be between 0 (automatic) and " + machine
                        + " (this machine's threads), not 100000");
        assertThatThrownBy(() -> new EngineLaunch.ModelArgs(model, 512, Integer.MAX_VALUE))
                .hasMessageContaining("this machine's threads");
        assertThatThrownBy(() -> new EngineLaunch.ModelArgs(model, 16, 0)).hasMessageContaining("at least 64 tokens");
    }

    @Test
    void anExternalEnginesLabelNeverCarriesCredentials() {
        EngineLaunch launch = EngineLaunch.external(URI.create("http://bob:pw@10.0.0.2:8080"));
        assertThat(launch.label()).isEqualTo("external http://10.0.0.2:8080");
        assertThat(EngineUrls.redact("failed at https://u:p@host/v1 and ftp://x@y")).isEqualTo("failed at https://host/v1 and ftp://y");
    }
}
