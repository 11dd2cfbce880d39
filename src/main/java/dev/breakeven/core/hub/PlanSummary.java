package dev.breakeven.core.hub;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.GgufModel;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.fit.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan as the Models page shows it: the verdict, where the layers go, the memory parts and the predicted speed.
 * Also the quick size-only verdict for a Hub file whose header has not been read yet.
 */
public record PlanSummary(String model, String verdict, int gpuLayers, int totalLayers, long weightsBytes,
                          long kvCacheBytes, long computeBytes, long gpuBytes, long hostBytes, double decodeTokPerSec,
                          double prefillTokPerSec, List<String> notes) {
    private static final double GIB = 1024.0 * 1024 * 1024;

    public PlanSummary {
        notes = List.copyOf(notes);
    }

    /** Plans {@code model} on {@code target} at {@code contextLength} tokens with the Fit page's planner. */
    public static PlanSummary plan(GgufModel model, HardwareTarget target, int contextLength) {
        FitPlan plan = FitPlanner.standard().plan(PlanRequest.of(model.shape(), model.weights(), contextLength, target));
        var m = plan.memory();
        return new PlanSummary(model.label(), plan.verdict().word(), plan.gpuLayers(), plan.totalLayers(), m.weightsBytes(),
                m.kvCacheBytes(), m.computeBytes(), m.gpuBytes(), m.hostBytes(), plan.decodeTokPerSec(),
                plan.prefillTokPerSec(), plan.notes());
    }

    /** One line for a table cell: "full · 33/33 on GPU · ~45 tok/s". */
    public String shortText() {
        if (verdict.equals(Verdict.NONE.word())) {
            return "does not fit";
        }
        String where = verdict.equals(Verdict.CPU.word()) ? "CPU only"
                : gpuLayers + "/" + totalLayers + " layers on GPU";
        return String.format(Locale.ROOT, "%s · %s · ~%.0f tok/s", verdict, where, decodeTokPerSec);
    }

    /** The plan as lines: weights, KV, compute, placement, predicted speed. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(model);
        lines.add(String.format(Locale.ROOT, "Fit: %s — %d of %d layers on the GPU", verdict, gpuLayers, totalLayers));
        lines.add(String.format(Locale.ROOT, "Weights %.2f GiB · KV cache %.2f GiB · compute %.2f GiB",
                weightsBytes / GIB, kvCacheBytes / GIB, computeBytes / GIB));
        lines.add(String.format(Locale.ROOT, "Placement: GPU %.2f GiB · RAM %.2f GiB", gpuBytes / GIB, hostBytes / GIB));
        lines.add(String.format(Locale.ROOT, "Predicted: decode %.1f tok/s · prefill %.0f tok/s", decodeTokPerSec,
                prefillTokPerSec));
        notes.forEach(n -> lines.add("Note: " + n));
        return lines;
    }

    /**
     * A first answer from the file size alone, before any header is read: weights plus ~10 % for KV cache and
     * buffers against the GPU's memory, then GPU and RAM together.
     */
    public static String quickFit(long fileBytes, HardwareTarget target) {
        long need = Math.round(fileBytes * 1.1);
        long vram = target.gpuOptional().map(g -> g.vramBytes()).orElse(0L);
        long ram = target.host().ramBytes();
        if (target.unifiedMemory()) {
            return need <= ram ? "likely fits" : "too big";
        }
        if (vram > 0 && need <= vram) {
            return "likely fits the GPU";
        }
        if (need <= vram + ram * 8 / 10) {
            return vram > 0 ? "GPU + RAM" : "RAM (CPU)";
        }
        return "too big";
    }
}
