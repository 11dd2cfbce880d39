package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakeven.core.runtime.Platform;
import dev.breakeven.core.runtime.ReleaseServer;
import dev.breakeven.core.runtime.SharedRuntime;
import dev.breakeven.core.runtime.TestArchives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code breakeven runtime …} as a user runs it, against a local server emulating GitHub's releases API. */
class RuntimeCommandTest {
    @TempDir
    Path home;
    private ReleaseServer github;

    @BeforeEach
    void start() throws IOException {
        // The emulated release carries Linux x64 archives holding the shared (Linux x64) llama-server.
        assumeTrue(Platform.current().equals(new Platform(Platform.Os.LINUX, Platform.Arch.X64)), "Linux x64 only");
        github = new ReleaseServer();
    }

    @AfterEach
    void stop() {
        if (github != null) {
            github.close();
        }
    }

    private void publish(String tag, byte[] server, boolean goodDigest) throws IOException {
        byte[] archive = TestArchives.tarGz("llama-" + tag, TestArchives.runtimeFiles(server));
        String name = "llama-" + tag + "-bin-ubuntu-x64.tar.gz";
        URI url = github.file(name, archive);
        github.release("latest", TestArchives.releaseJson(tag, name, url.toString(),
                goodDigest ? TestArchives.sha256(archive) : "f".repeat(64), String.valueOf(archive.length)));
    }

    private JsonNode listed() throws IOException {
        CliRun list = CliRun.run(home, "runtime", "list", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode all = new ObjectMapper().readTree(list.out());
        // Only what this test made: a developer's own llama-server on the PATH is listed too.
        return new ObjectMapper().valueToTree(StreamSupport.stream(all.spliterator(), false)
                .filter(n -> !n.get("kind").asText().equals("path")).toList());
    }

    @Test
    void installListUseAndRemoveAsAUserWould() throws IOException {
        Path model = SharedRuntime.tinyModel();
        publish("b9101", TestArchives.realServer(SharedRuntime.server()), true);

        CliRun install = CliRun.run(home, "runtime", "install", "--backend", "cpu", "--releases-url",
                github.latest().toString(), "--smoke-model", model.toString(), "--json");
        assertThat(install.code()).as(install.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(install.out());
        assertThat(result.get("id").asText()).isEqualTo("b9101-cpu");
        assertThat(result.get("backend").asText()).isEqualTo("cpu");
        assertThat(result.get("startTested").asBoolean()).isTrue();
        assertThat(result.get("startMillis").asLong()).isPositive();
        assertThat(result.at("/allocations/CPU/modelBytes").asLong()).isPositive(); // llama.cpp's own report
        assertThat(install.err()).contains("downloading llama-b9101-bin-ubuntu-x64.tar.gz", "smoke test");

        JsonNode list = listed();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo("b9101-cpu");
        assertThat(list.get(0).get("version").asText()).isEqualTo("0.5.0-dev");
        assertThat(list.get(0).get("current").asBoolean()).isTrue();
        assertThat(Files.isExecutable(Path.of(list.get(0).get("path").asText()))).isTrue();

        publish("b9102", TestArchives.versionScript(9102), true);
        // No --backend: the build is chosen from this machine's detected hardware; the release has only a CPU build,
        // which every rule falls back to, whatever GPU the machine running the test has.
        CliRun second = CliRun.run(home, "runtime", "install", "--releases-url",
                github.latest().toString(), "--models-dir", home.resolve("none").toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("Installed and current: b9102-cpu (b9102, cpu)", "Why this build: ",
                "--version only");

        assertThat(CliRun.run(home, "runtime", "use", "b9101-cpu").out()).contains("Current runtime: b9101-cpu");
        CliRun remove = CliRun.run(home, "runtime", "remove", "b9101-cpu");
        assertThat(remove.out()).contains("Removed b9101-cpu; current runtime: b9102-cpu");
        assertThat(listed()).extracting(n -> n.get("id").asText()).containsExactly("b9102-cpu");
    }

    @Test
    void anInstalledRuntimeIsTheOneBenchAndChatRunWithNothingElseConfigured() throws IOException {
        Path model = SharedRuntime.tinyModel();
        publish("b9101", TestArchives.realServer(SharedRuntime.server()), true);
        assertThat(CliRun.run(home, "runtime", "install", "--backend", "cpu", "--releases-url",
                github.latest().toString(), "--models-dir", home.resolve("none").toString()).code()).isZero();
        String configured = System.clearProperty(dev.breakeven.core.engine.LlamaServerLocator.PROPERTY);
        try {
            Path installed = Path.of(listed().get(0).get("path").asText());
            try (var services = dev.breakeven.app.AppServices.forTest(home)) {
                assertThat(services.engines().runtimes().find()).contains(installed.toAbsolutePath());
            }
            CliRun bench = CliRun.run(home, "bench", "--engine", "runtime", "--gguf", model.toString(),
                    "--prompt-tokens", "16", "--gen-tokens", "8", "--json");
            assertThat(bench.code()).as(bench.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(bench.out());
            assertThat(json.get("engine").asText()).isEqualTo("runtime");
            assertThat(json.get("engineDecodeTokPerSec").asDouble()).isPositive();
        } finally {
            if (configured != null) {
                System.setProperty(dev.breakeven.core.engine.LlamaServerLocator.PROPERTY, configured);
            }
        }
    }

    @Test
    void noBuildForTheBackendIsOneClearLine() throws IOException {
        publish("b9103", TestArchives.versionScript(9103), true);
        CliRun run = CliRun.run(home, "runtime", "install", "--backend", "cuda", "--releases-url", github.latest().toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("error: release b9103 has no cuda build for linux-x64 (it has: cpu)");
    }

    @Test
    void aDigestMismatchInstallsNothing() throws IOException {
        publish("b9104", TestArchives.versionScript(9104), false);
        CliRun run = CliRun.run(home, "runtime", "install", "--backend", "cpu", "--releases-url", github.latest().toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("SHA-256 mismatch", "nothing was installed");
        assertThat(listed()).isEmpty();
    }

    @Test
    void anArchiveMissingTheServerIsRefusedFromAFile() throws IOException {
        Path archive = home.resolve("llama-b9105-bin-win-cpu-x64.zip");
        Files.write(archive, TestArchives.zip(Map.of("llama-cli.exe", new byte[]{1, 2, 3})));
        CliRun run = CliRun.run(home, "runtime", "install", "--file", archive.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("holds no llama-server", "nothing was installed");
    }

    @Test
    void aFolderYouAlreadyHaveIsListedWithItsVersion() throws IOException {
        Path server = SharedRuntime.server();
        CliRun add = CliRun.run(home, "runtime", "add", server.getParent().toString());
        assertThat(add.code()).as(add.err()).isZero();
        JsonNode list = listed();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("kind").asText()).isEqualTo("folder");
        assertThat(list.get(0).get("version").asText()).isEqualTo("0.5.0-dev");
        assertThat(list.get(0).get("backend").asText()).isEqualTo("cpu");
        String id = list.get(0).get("id").asText();
        assertThat(CliRun.run(home, "runtime", "use", id).code()).isZero();
        assertThat(listed().get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void anUnreachableReleasesUrlSaysSoAndWhatElseToDo() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.run(home, "runtime", "install", "--backend", "cpu", "--releases-url",
                "http://127.0.0.1:" + closedPort + "/repos/ggml-org/llama.cpp/releases/latest");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("error: cannot reach http://127.0.0.1:" + closedPort)
                .contains("ConnectException", "install a downloaded archive with --file").doesNotContain("null");
    }

    @Test
    void aBadBackendNameAndAnUnknownIdAreClear() {
        CliRun bad = CliRun.run(home, "runtime", "install", "--backend", "opencl");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--backend must be cpu, cuda, vulkan, metal or hip");
        CliRun unknown = CliRun.run(home, "runtime", "use", "b1-nothing");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no runtime 'b1-nothing'");
    }
}
