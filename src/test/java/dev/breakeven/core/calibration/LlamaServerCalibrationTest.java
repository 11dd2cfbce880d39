package dev.breakeven.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.hardware.BaseFindings;
import dev.breakeven.core.hardware.CalibrationStatus;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.GpuFigure;
import dev.breakeven.core.hardware.GpuInfo;
import dev.breakeven.core.hardware.HardwareOverrides;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.hardware.NvidiaSmiProbe;
import dev.breakeven.core.hardware.OverridesApplier;
import dev.breakeven.core.hardware.ProfileMerger;
import dev.breakeven.core.io.Json;
import dev.breakeven.core.models.GpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Issue 13: calibration through llama-server, the runtime the app runs models with, on the CPU and on a GPU. */
class LlamaServerCalibrationTest {
    private static final long GIB = 1L << 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T16:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private EngineSupervisor supervisor() {
        return new EngineSupervisor(dir.resolve("run"), dir.resolve("logs"));
    }

    @Test
    void theRuntimeIsStartedBySupervisorReadThroughItsTimingsAndStoppedAfter() throws Exception {
        Path server = SharedModels.llamaServer();
        try (EngineSupervisor supervisor = supervisor()) {
            LlamaServerEngine engine = LlamaServerEngine.cpu(supervisor, server);

            DecodeEngine.Rates rates = engine.run(SharedModels.tinyLlama(), 16, 8, 1);

            assertThat(rates.decodeTokPerSec()).isPositive();
            assertThat(rates.prefillTokPerSec()).as("16 prompt tokens evaluated, so prefill is measured").isPositive();
            assertThat(supervisor.running()).as("the server is stopped after the run").isEmpty();
            Path log = supervisor.logFileFor(dev.breakeven.core.engine.EngineKind.RUNTIME, SharedModels.tinyLlama());
            assertThat(Files.readString(log)).as("CPU run: no layer offloaded").contains("-ngl 0");
        }
    }

    @Test
    void aGpuRunOffloadsEveryLayerAndItsBandwidthAndPrefillCorrectThatGpu() throws Exception {
        // The answer recorded from ../shared's llama-server, with rates a GPU might report (no GPU build here):
        // what is tested is reading the answer and fitting the planner's GPU terms to it.
        double decode = 180;
        double prefill = 2500;
        ObjectNode recorded = (ObjectNode) Json.mapper().readTree(
                LlamaServerCalibrationTest.class.getResourceAsStream("/llamacpp/completion-tiny-random.json"));
        List<JsonNode> asked = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/health", exchange -> reply(exchange, "{\"status\":\"ok\"}"));
        fake.createContext("/completion", exchange -> {
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
            asked.add(body);
            ObjectNode answer = recorded.deepCopy();
            ((ObjectNode) answer.get("timings")).put("prompt_n", body.path("prompt").size())
                    .put("prompt_per_second", prefill).put("predicted_n", body.path("n_predict").asInt())
                    .put("predicted_per_second", decode);
            reply(exchange, answer.toString());
        });
        fake.start();
        try (EngineSupervisor supervisor = supervisor()) {
            URI url = URI.create("http://127.0.0.1:" + fake.getAddress().getPort());
            LlamaServerEngine engine = new LlamaServerEngine(supervisor, model -> EngineLaunch.external(url),
                    "llama-server (GPU)", Duration.ofSeconds(30));
            HardwareProfile detected = rtx4090();
            HardwareTarget before = HardwareTargets.fromProfile(detected, GpuCatalog.load(), 40);
            assertThat(before.gpu()).isNotNull();
            Calibrator calibrator = new Calibrator(engine, FitPlanner.standard(), CLOCK);

            Calibrator.CalibrationRun run = calibrator.calibrate(CalibrationShape.HALF_B, before, 1, "this-machine");

            assertThat(asked).hasSize(2); // a warm-up, then the measured answer
            JsonNode measured = asked.get(1);
            assertThat(measured.path("prompt").size()).isEqualTo(Calibrator.PROMPT_TOKENS);
            assertThat(measured.path("n_predict").asInt()).isEqualTo(Calibrator.GEN_TOKENS);
            assertThat(measured.path("ignore_eos").asBoolean()).isTrue();
            assertThat(measured.path("cache_prompt").asBoolean()).isFalse();
            MachineCalibration c = run.calibration();
            assertThat(c.gpu()).isEqualTo("NVIDIA GeForce RTX 4090");
            assertThat(c.engine()).isEqualTo("llama-server (GPU)");
            assertThat(c.bandwidthBeforeGBps()).isEqualTo(before.gpu().bandwidthGBps());
            assertThat(run.after().decodeTokPerSec()).isCloseTo(decode, within(decode * 0.01));
            assertThat(run.after().prefillTokPerSec()).isCloseTo(prefill, within(prefill * 0.01));
            assertThat(run.decodeErrorAfter()).isLessThan(run.decodeErrorBefore());
            assertThat(run.prefillErrorAfter()).isLessThan(run.prefillErrorBefore());

            // The stored run corrects that GPU on this machine's profile, and the planner's target from it.
            HardwareProfile calibrated = new OverridesApplier(new CatalogGpuReferences(GpuCatalog.load()))
                    .apply(detected, HardwareOverrides.none().withGpuCalibration(c));
            GpuInfo gpu = calibrated.gpus().getFirst();
            assertThat(gpu.bandwidthGBps()).isEqualTo(c.effectiveBandwidthGBps());
            assertThat(gpu.sourceOf(GpuFigure.BANDWIDTH)).isEqualTo(FigureSource.CALIBRATED);
            HardwareTarget after = HardwareTargets.fromProfile(calibrated, GpuCatalog.load(), 40);
            assertThat(after.gpu().fp16Tflops()).isCloseTo(before.gpu().fp16Tflops() * c.prefillScale(), within(1e-9));
            assertThat(CalibrationStatus.of(calibrated)).isEqualTo("calibrated 2026-12-07");
            assertThat(CalibrationStatus.of(detected)).isEqualTo("uncalibrated");
            Path file = dir.resolve("x.gguf");
            GgufModel model = GgufModel.read(CalibrationShape.HALF_B.writeSparse(file));
            assertThat(calibrator.predict(model, after).decodeTokPerSec()).isCloseTo(decode, within(decode * 0.01));
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void cpuAndGpuLaunchesAskForNoLayersAndForAll() {
        try (EngineSupervisor supervisor = supervisor()) {
            EngineLaunch.ModelArgs model = new EngineLaunch.ModelArgs(dir.resolve("m.gguf"), 512, 1);
            List<String> cpu = LlamaServerEngine.launch(supervisor, Path.of("/opt/llama-server"), model, 0).argv();
            List<String> gpu = LlamaServerEngine.launch(supervisor, Path.of("/opt/llama-server"), model,
                    LlamaServerEngine.ALL_LAYERS).argv();
            assertThat(String.join(" ", cpu)).contains("-ngl 0").contains("--port 0").contains("-t 1");
            assertThat(String.join(" ", gpu)).contains("-ngl 999");
            assertThat(cpu).doesNotContain(dev.breakeven.core.engine.NativeFaults.NO_REPACK);
        }
    }

    @Test
    void aBinaryKnownToCrashOnThisCpuIsStartedWithNoRepackAsChatStartsIt() throws Exception {
        Path binary = Files.writeString(dir.resolve("llama-server"), "#!/bin/sh\n");
        try (EngineSupervisor supervisor = supervisor()) {
            supervisor.nativeFaults().rememberNoRepack(binary, "GGML_ASSERT in the AMX kernels");
            EngineLaunch.ModelArgs model = new EngineLaunch.ModelArgs(dir.resolve("m.gguf"), 512, 1);
            assertThat(LlamaServerEngine.launch(supervisor, binary, model, 0).argv())
                    .contains(dev.breakeven.core.engine.NativeFaults.NO_REPACK);
        }
    }

    @Test
    void anAnswerWithoutTimingsOrWithACachedPromptIsNotTakenForARate() throws Exception {
        ObjectNode recorded = (ObjectNode) Json.mapper().readTree(
                LlamaServerCalibrationTest.class.getResourceAsStream("/llamacpp/completion-tiny-random.json"));
        DecodeEngine.Rates rates = LlamaServerEngine.parse(recorded, 16);
        assertThat(rates.decodeTokPerSec()).isEqualTo(recorded.at("/timings/predicted_per_second").asDouble());
        assertThat(rates.prefillTokPerSec()).isEqualTo(recorded.at("/timings/prompt_per_second").asDouble());
        assertThat(LlamaServerEngine.parse(recorded, 32).prefillTokPerSec())
                .as("fewer prompt tokens evaluated than sent: a cache hit, no prefill rate").isNull();
        ObjectNode other = recorded.deepCopy();
        other.remove("timings");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LlamaServerEngine.parse(other, 16))
                .isInstanceOf(IOException.class).hasMessageContaining("no timings");
    }

    private static HardwareProfile rtx4090() throws IOException {
        String csv;
        try (var in = LlamaServerCalibrationTest.class.getResourceAsStream("/hardware/nvidia-smi-rtx4090.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        BaseFindings base = new BaseFindings("Linux", new CpuInfo("AMD Ryzen 9 7950X", 16, 32, List.of()),
                new MemoryInfo(64 * GIB, 60 * GIB, null, null), List.of(), List.of());
        return new ProfileMerger(new CatalogGpuReferences(GpuCatalog.load())).merge(base,
                List.of(NvidiaSmiProbe.parse(csv)));
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
