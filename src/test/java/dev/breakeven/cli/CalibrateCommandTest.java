package dev.breakeven.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.core.chat.SharedModels;
import dev.breakeven.core.hardware.MachineCalibration;
import dev.breakeven.core.hardware.MachineCalibrationStore;
import dev.breakeven.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: one short llama-bench run on a sparse shape corrects this machine's predictions. */
class CalibrateCommandTest {
    @TempDir
    Path home;

    private static Path llamaBench() {
        return SharedModels.llamaBench();
    }

    @Test
    void calibrationOnASmallShapeLowersThePredictionErrorAndFitSaysCalibrated() throws Exception {
        CliRun fitBefore = CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "4096");
        assertThat(fitBefore.out()).contains("this machine: uncalibrated");

        CliRun r = CliRun.run(home, "calibrate", "--llama-bench", llamaBench().toString(), "--shape", "0.5b",
                "--threads", "2", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        double before = json.path("decodeErrorBefore").asDouble();
        double after = json.path("decodeErrorAfter").asDouble();
        System.out.printf("calibration: measured %.2f tok/s, predicted %.2f before (error %.1f%%), %.2f after (error %.1f%%), %.1f s%n",
                json.path("measuredDecodeTokPerSec").asDouble(), json.path("predictedDecodeBefore").asDouble(),
                100 * before, json.path("predictedDecodeAfter").asDouble(), 100 * after, json.path("seconds").asDouble());
        assertThat(json.path("measuredDecodeTokPerSec").asDouble()).isPositive();
        assertThat(json.path("engine").asText()).isEqualTo("llama-bench");
        assertThat(after).isLessThan(before);
        assertThat(home.resolve("settings").resolve(MachineCalibrationStore.FILE_NAME)).exists();

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode hardware = Json.mapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(hardware.at("/memory/bandwidthSource").asText()).isEqualTo("calibrated");
        assertThat(hardware.at("/memory/bandwidthGBps").asDouble()).isEqualTo(json.path("effectiveBandwidthGBps").asDouble());
        CliRun fitAfter = CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "4096");
        assertThat(fitAfter.out()).contains("this machine: calibrated " + today).doesNotContain("RAM bandwidth unknown");
    }

    @Test
    void calibrationThroughTheLlamaServerRuntimeCorrectsDecodeAndPrefill() throws Exception {
        CliRun r = CliRun.run(home, "calibrate", "--llama-server", SharedModels.llamaServer().toString(),
                "--shape", "0.5b", "--threads", "1", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        System.out.printf("runtime calibration: decode %.2f tok/s measured, error %.1f%% before, %.1f%% after; "
                        + "prefill %.1f tok/s measured, error %.1f%% before, %.1f%% after; %.1f s%n",
                json.path("measuredDecodeTokPerSec").asDouble(), 100 * json.path("decodeErrorBefore").asDouble(),
                100 * json.path("decodeErrorAfter").asDouble(), json.path("measuredPrefillTokPerSec").asDouble(),
                100 * json.path("prefillErrorBefore").asDouble(), 100 * json.path("prefillErrorAfter").asDouble(),
                json.path("seconds").asDouble());
        assertThat(json.path("engine").asText()).isEqualTo("llama-server");
        assertThat(json.path("gpu").isNull()).isTrue();
        assertThat(json.path("decodeErrorAfter").asDouble()).isLessThan(json.path("decodeErrorBefore").asDouble());
        assertThat(json.path("measuredPrefillTokPerSec").asDouble()).isPositive();
        assertThat(json.path("prefillErrorAfter").asDouble()).isLessThan(json.path("prefillErrorBefore").asDouble());
        double scale = json.path("prefillScale").asDouble();
        assertThat(scale).isPositive();
        // the correction reaches every prediction for this machine: the hardware profile's note says it
        JsonNode hardware = Json.mapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(hardware.get("notes").toString()).contains("prefill ×");
        assertThat(home.resolve("data").resolve("run")).satisfiesAnyOf(
                run -> assertThat(run).doesNotExist(),
                run -> assertThat(Files.list(run).toList()).as("no engine left running").isEmpty());
    }

    @Test
    void theUsersOwnModelCanBeTheCalibrationRun() throws Exception {
        // a model file of the user's: here the 0.5B shape written where a download would be
        Path model = dev.breakeven.core.calibration.CalibrationShape.HALF_B.writeSparse(
                Files.createDirectories(home.resolve("models")).resolve("my-model-q4_0.gguf"));
        long size = Files.size(model);

        CliRun r = CliRun.run(home, "calibrate", "--llama-server", SharedModels.llamaServer().toString(),
                "--gguf", model.toString(), "--threads", "1", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.path("shape").asText()).isEqualTo("my-model-q4_0.gguf");
        assertThat(json.path("decodeErrorAfter").asDouble()).isLessThan(json.path("decodeErrorBefore").asDouble());
        assertThat(model).as("the user's file is only read").exists().hasSize(size);
        CliRun missing = CliRun.run(home, "calibrate", "--gguf", home.resolve("nope.gguf").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("is not a file");
    }

    @Test
    void aGpuCalibrationOnAMachineWithoutAGpuOrThroughLlamaBenchIsRefused() {
        CliRun viaBench = CliRun.run(home, "calibrate", "--gpu", "--engine", "llama-bench");
        assertThat(viaBench.code()).isNotZero();
        assertThat(viaBench.err()).contains("--gpu calibrates through llama-server");
        CliRun engine = CliRun.run(home, "calibrate", "--engine", "ollama");
        assertThat(engine.code()).isNotZero();
        assertThat(engine.err()).contains("unknown engine 'ollama'");
    }

    @Test
    void aCalibrationFromAnotherMachineOrACorruptFileIsIgnoredWithANotice() throws Exception {
        Path settings = Files.createDirectories(home.resolve("settings"));
        MachineCalibrationStore store = new MachineCalibrationStore(settings);
        store.save(new MachineCalibration("another-machine", "2026-01-02T03:04:05Z", "llama-bench", "0.5B shape", 8,
                50, 400.0, 30, 380.0, 40, 70, 12));

        JsonNode other = Json.mapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(other.at("/memory/bandwidthSource").asText()).isNotEqualTo("calibrated");
        assertThat(other.get("notes").toString()).contains("made on another machine and is ignored");
        assertThat(CliRun.run(home, "fit", "--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "4096").out())
                .contains("this machine: uncalibrated");

        Files.writeString(store.file(), "{ not json");
        JsonNode corrupt = Json.mapper().readTree(CliRun.run(home, "hardware", "--json").out());
        assertThat(corrupt.at("/memory/bandwidthSource").asText()).isNotEqualTo("calibrated");
        assertThat(corrupt.get("notes").toString()).contains("could not be read and is ignored");
    }

    @Test
    void anUnknownShapeOrMissingBinaryIsRefusedWithOneLine() {
        CliRun shape = CliRun.run(home, "calibrate", "--shape", "70b", "--llama-bench", "/bin/true");
        assertThat(shape.code()).isNotZero();
        assertThat(shape.err()).contains("unknown shape '70b'");
        CliRun binary = CliRun.run(home, "calibrate", "--llama-bench", home.resolve("nope").toString());
        assertThat(binary.code()).isNotZero();
        assertThat(binary.err()).contains("is not an executable file");
    }
}
