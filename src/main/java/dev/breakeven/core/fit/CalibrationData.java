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
     * One published llama.cpp result: decode (tg, null where the source gives none) and prompt processing (pp, null
     * where not comparable) speed. {@code buildDate} (yyyy-MM) is the llama.cpp build; {@code generation} (defaults
     * to the build date) groups builds that share one per-layer overhead in the fit. {@code ubatch} is the prompt
     * micro-batch (null: 512, llama.cpp's default). {@code tgSkipsOutput}: the decode figure is a pp run at
     * micro-batch 1 (one token per evaluation, as in decode) where llama.cpp skips the output matrix for every token
     * but the last, so the fit leaves the output bytes out of that point.
     */
    public record Measurement(String device, String model, String quant, Double tgTokPerSec, Double ppTokPerSec,
                              int tgTokens, int ppTokens, String build, String buildDate, String source, String notes,
                              String generation, Integer ubatch, Boolean tgSkipsOutput) {

        public int ubatchOrDefault() {
            return ubatch == null ? ThroughputModel.CALIBRATION_UBATCH : ubatch;
        }

        public boolean skipsOutput() {
            return Boolean.TRUE.equals(tgSkipsOutput);
        }

        public String generationOrBuild() {
            return generation != null ? generation : buildDate == null ? "" : buildDate;
        }
    }

    public static CalibrationData load() {
        return Json.resource(RESOURCE, CalibrationData.class);
    }

    public Device device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("calibration measurement names unknown device " + id));
    }
}
