package dev.breakeven.core.fit;

import dev.breakeven.core.io.Json;

import java.util.List;

/** The contents of {@code catalog/fit-calibration.json}: planner constants and published measurements. */
public record CalibrationData(
        String checked,
        String note,
        PlannerConstants constants,
        List<Device> devices,
        List<Measurement> measurements) {

    private static final String RESOURCE = "/dev/breakeven/catalog/fit-calibration.json";

    /** A machine of the calibration set; {@code cpuCores} only for CPU backends, {@code fp16Tflops} only for GPUs. */
    public record Device(String id, String name, String backend, double bandwidthGBps, double fp16Tflops,
                         int cpuCores, String source) {
    }

    /**
     * One published llama.cpp result: decode (tg) and prompt processing (pp, null where not comparable) speed.
     * {@code buildDate} (yyyy-MM) names the llama.cpp generation: each generation gets its own per-layer overhead.
     */
    public record Measurement(String device, String model, String quant, double tgTokPerSec, Double ppTokPerSec,
                              int tgTokens, int ppTokens, String build, String buildDate, String source, String notes) {
    }

    public static CalibrationData load() {
        return Json.resource(RESOURCE, CalibrationData.class);
    }

    public Device device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("calibration measurement names unknown device " + id));
    }
}
