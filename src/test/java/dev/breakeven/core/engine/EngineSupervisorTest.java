package dev.breakeven.core.engine;

import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The supervisor with real processes: the shared llama-server, a shell script that never answers, orphans. */
class EngineSupervisorTest {
    @TempDir
    Path home;
    private EngineSupervisor supervisor;
    private final List<Process> strays = new ArrayList<>();

    private EngineSupervisor supervisor(Duration readyTimeout) {
        supervisor = new EngineSupervisor(home.resolve("run"), home.resolve("logs"),
                new EngineSupervisor.Timing(readyTimeout, Duration.ofMillis(1500), Duration.ofMillis(50)));
        return supervisor;
    }

    @AfterEach
    void stopEverything() {
        if (supervisor != null) {
            supervisor.close();
        }
        strays.forEach(Process::destroyForcibly);
    }

    static EngineLaunch tinyRuntime(EngineSupervisor supervisor) {
        Path model = SharedModels.tinyLlama();
        return EngineLaunch.runtime(SharedModels.llamaServer(), new EngineLaunch.ModelArgs(model, 512, 2),
                supervisor.logFileFor(EngineKind.RUNTIME, model));
    }

    @Test
    void startsLlamaServerOnAFreePortWaitsForHealthAndStopsIt() throws Exception {
        EngineSupervisor s = supervisor(Duration.ofSeconds(60));
        List<String> progress = new ArrayList<>();
        EngineProcess engine = s.start(tinyRuntime(s), progress::add, () -> false);

        assertThat(engine.baseUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(engine.baseUrl().getPort()).isPositive();
        assertThat(get(engine.baseUrl() + "/health")).isEqualTo(200);
        assertThat(progress).first().asString().startsWith("Starting llama-server");
        Path pidFile = home.resolve("run/engine-" + engine.pid().orElseThrow() + ".json");
        assertThat(pidFile).exists();
        Path log = engine.logFile().orElseThrow();
        assertThat(Files.readString(log)).contains("listening on " + engine.baseUrl(), "[breakeven");
        assertThat(s.running()).containsExactly(engine);

        long started = System.nanoTime();
        s.stop(engine);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
        assertThat(engine.isAlive()).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(s.running()).isEmpty();
    }

    @Test
    void aHostThatNeverBecomesHealthyTimesOutWithItsLastLogLines() throws Exception {
        EngineSupervisor s = supervisor(Duration.ofSeconds(2));
        // announces an address where nothing listens, then says nothing more: never healthy
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        EngineLaunch launch = EngineLaunch.command(EngineKind.RUNTIME, "stuck host", List.of("sh", "-c",
                "echo 'loading weights'; echo 'listening on http://127.0.0.1:" + port + "'; exec sleep 600"),
                home.resolve("logs/stuck.log"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> s.start(launch, p -> { }, () -> false))
                .isInstanceOf(EngineStartException.class)
                .hasMessageStartingWith("The engine did not become ready in 2 s; last log lines: ")
                .hasMessageContaining("loading weights");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(8);
        assertThat(s.running()).isEmpty();
        assertThat(Files.list(home.resolve("run")).toList()).isEmpty();
    }

    @Test
    void aHostThatDiesWhileStartingSaysWhy() {
        EngineSupervisor s = supervisor(Duration.ofSeconds(20));
        EngineLaunch launch = EngineLaunch.command(EngineKind.RUNTIME, "crashing host", List.of("sh", "-c",
                "echo 'llama.cpp:123: GGML_ASSERT(hparams.f_norm_rms_eps > 0) failed' >&2; exit 134"),
                home.resolve("logs/crash.log"));
        assertThatThrownBy(() -> s.start(launch, p -> { }, () -> false))
                .hasMessage("The engine stopped before it was ready: llama.cpp:123: "
                        + "GGML_ASSERT(hparams.f_norm_rms_eps > 0) failed (aborted, exit code 134)");
    }

    @Test
    void aPortAlreadyInUseIsNotAProblemBecauseEachStartAsksForAFreeOne() throws Exception {
        EngineSupervisor s = supervisor(Duration.ofSeconds(60));
        EngineProcess first = s.start(tinyRuntime(s), p -> { }, () -> false);
        EngineProcess second = s.start(tinyRuntime(s), p -> { }, () -> false);
        assertThat(second.baseUrl()).isNotEqualTo(first.baseUrl());
        assertThat(get(first.baseUrl() + "/health")).isEqualTo(200);
        assertThat(get(second.baseUrl() + "/health")).isEqualTo(200);
        s.close();
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
    }

    @Test
    void aStartCanBeCancelled() {
        EngineSupervisor s = supervisor(Duration.ofSeconds(30));
        EngineLaunch launch = EngineLaunch.command(EngineKind.RUNTIME, "slow host", List.of("sleep", "600"),
                home.resolve("logs/slow.log"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> s.start(launch, p -> { }, () -> System.nanoTime() - started > 300_000_000L))
                .hasMessage("Cancelled.");
        assertThat(s.running()).isEmpty();
    }

    @Test
    void anEngineLeftByACrashedAppIsStoppedAtTheNextStart() throws Exception {
        Process orphan = new ProcessBuilder("sleep", "600").start();
        strays.add(orphan);
        Process deadApp = new ProcessBuilder("true").start();
        deadApp.waitFor();
        // what the crashed app had written before it died
        Files.createDirectories(home.resolve("run"));
        PidFiles.Entry entry = new PidFiles.Entry(orphan.pid(), orphan.info().command().orElseThrow(),
                PidFiles.startMillis(orphan.toHandle()), deadApp.pid(), Instant.now().minusSeconds(60).toEpochMilli());
        Files.write(home.resolve("run/engine-" + orphan.pid() + ".json"), Json.mapper().writeValueAsBytes(entry));
        // and an engine of an app that still runs (this JVM), which must be left alone
        Process stillOwned = new ProcessBuilder("sleep", "600").start();
        strays.add(stillOwned);
        new PidFiles(home.resolve("run")).write(stillOwned.toHandle());

        List<Long> stopped = supervisor(Duration.ofSeconds(5)).stopOrphans();

        assertThat(stopped).containsExactly(orphan.pid());
        assertThat(orphan.waitFor(3, TimeUnit.SECONDS)).isTrue();
        assertThat(home.resolve("run/engine-" + orphan.pid() + ".json")).doesNotExist();
        assertThat(stillOwned.isAlive()).isTrue();
    }

    @Test
    void aReusedPidRunningAnotherCommandIsNeverStopped() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "600").start();
        strays.add(unrelated);
        Process deadApp = new ProcessBuilder("true").start();
        deadApp.waitFor();
        Files.createDirectories(home.resolve("run"));
        PidFiles.Entry entry = new PidFiles.Entry(unrelated.pid(), "/opt/some/llama-server", null, deadApp.pid(), null);
        Files.write(home.resolve("run/engine-" + unrelated.pid() + ".json"), Json.mapper().writeValueAsBytes(entry));

        assertThat(supervisor(Duration.ofSeconds(5)).stopOrphans()).isEmpty();
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(home.resolve("run/engine-" + unrelated.pid() + ".json")).doesNotExist();
    }

    private static int get(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
