package dev.breakeven.core.runtime;

import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.MemoryBreakdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's memory terms for one file beside what llama.cpp reported allocating when the runtime loaded it
 * with the plan's flags: one calibration record, kept in the data folder ({@link AllocationCheckStore}).
 *
 * @param model         the file's name
 * @param file          its absolute path
 * @param contextSize   the context the server was started with
 * @param target        the planner's target (this machine as the runtime build can use it)
 * @param engineArgs    the plan's flags the server ran with
 * @param checkedAt     ISO-8601 instant of the check
 * @param terms         weights, KV cache and compute buffer, planned and reported
 * @param devices       llama.cpp's figures per device ("CPU", "CUDA0" …): model, KV and compute bytes
 * @param notes         what the reader should know (a repacked copy of the weights, a term llama.cpp did not print)
 */
public record AllocationCheck(String model, String file, int contextSize, String target, List<String> engineArgs,
                              String checkedAt, List<Term> terms, Map<String, LlamaCppAllocations.DeviceAllocation> devices,
                              List<String> notes) {

    /** One term: planned and reported bytes ({@code reportedBytes} -1 when llama.cpp printed none). */
    public record Term(String name, long plannedBytes, long reportedBytes) {
        public boolean reported() {
            return reportedBytes >= 0;
        }

        /** Planned − reported, in bytes. */
        public long differenceBytes() {
            return plannedBytes - reportedBytes;
        }

        /** The planner's error relative to llama.cpp's figure, in percent (NaN when nothing was reported). */
        public double errorPercent() {
            return !reported() || reportedBytes == 0 ? Double.NaN : 100.0 * differenceBytes() / reportedBytes;
        }
    }

    public AllocationCheck {
        engineArgs = List.copyOf(engineArgs);
        terms = List.copyOf(terms);
        devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        notes = List.copyOf(notes);
    }

    /**
     * Sets the plan beside the report. Weights are the model buffers without the CPU backend's repacked copies
     * ({@code CPU_REPACK}, {@code CPU_AARCH64}: the same tensors in another layout, which the mapped buffer also
     * spans), so the term compares the file's tensor bytes both ways.
     */
    public static AllocationCheck of(String model, String file, int contextSize, String target, List<String> engineArgs,
                                     String checkedAt, FitPlan plan, LlamaCppAllocations report) {
        List<String> notes = new ArrayList<>();
        long repacked = report.modelBuffers().entrySet().stream().filter(e -> repackBuffer(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long weights = report.modelBuffers().isEmpty() ? -1 : report.modelBytes() - repacked;
        if (repacked > 0) {
            notes.add(String.format(java.util.Locale.ROOT, "llama.cpp also holds a repacked copy of %.1f MiB of the "
                    + "weights for its CPU kernels (not in the planner's weights)", repacked / 1048576.0));
        }
        if (!report.found()) {
            notes.add("the engine log holds no allocation lines (a build that does not print them at -lv 4)");
        }
        MemoryBreakdown m = plan.memory();
        List<Term> terms = List.of(
                new Term("weights", m.weightsBytes(), weights),
                new Term("KV cache", m.kvCacheBytes(), report.kvBuffers().isEmpty() && report.kvCacheBytes() <= 0
                        ? -1 : report.kvCacheBytes()),
                new Term("compute buffer", m.computeBytes(), report.computeBuffers().isEmpty() ? -1
                        : report.computeBytes()));
        return new AllocationCheck(model, file, contextSize, target, engineArgs, checkedAt, terms, report.byDevice(),
                notes);
    }

    static boolean repackBuffer(String name) {
        return name.contains("REPACK") || name.contains("AARCH64");
    }
}
