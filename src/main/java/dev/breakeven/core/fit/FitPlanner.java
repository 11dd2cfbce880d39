package dev.breakeven.core.fit;

import dev.breakeven.core.models.ModelCatalog;
import dev.breakeven.core.models.ModelShape;
import dev.breakeven.core.models.QuantCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plans where a model's layers go and predicts its speed. The placement follows llama.cpp: blocks are
 * offloaded from the last one backwards, the output layer joins the GPU only with every block, the token
 * embedding stays in host memory, each layer's KV cache lives with its layer, and the device that runs the
 * graph holds the compute buffer.
 */
public final class FitPlanner {
    private static final double GB = 1e9;

    private static final class Standard {
        static final MemoryModel MEMORY = new MemoryModel(CalibrationData.load().constants());
        static final Calibration CALIBRATION = Calibration.fit(CalibrationData.load(), ModelCatalog.load(),
                QuantCatalog.load(), MEMORY);
        static final FitPlanner INSTANCE = new FitPlanner(MEMORY, CALIBRATION.model());
    }

    /**
     * The standard planner with each backend's per-layer time of the llama.cpp build generation current at
     * {@code buildDate} (yyyy-MM: the newest calibration generation not after it, the oldest where none is). The app
     * plans current builds; this is for judging a measurement made on an older build (a 2024 llama-bench table, an
     * Ollama of that time) against the model of that build rather than of today's.
     */
    public static FitPlanner forBuildDate(String buildDate) {
        Calibration calibration = Standard.CALIBRATION;
        java.util.Map<String, BackendFactors> factors = new java.util.LinkedHashMap<>();
        calibration.model().all().forEach((backend, f) -> {
            var byGeneration = calibration.perLayerSecondsByGeneration(backend);
            String chosen = byGeneration.keySet().stream().filter(g -> g.compareTo(buildDate) <= 0)
                    .max(String::compareTo)
                    .orElse(byGeneration.keySet().stream().min(String::compareTo).orElse(null));
            double perLayer = chosen == null ? f.perLayerSeconds() : byGeneration.get(chosen);
            factors.put(backend, new BackendFactors(backend, f.decodeEfficiency(), perLayer, f.prefillEfficiency(),
                    f.points()));
        });
        return new FitPlanner(Standard.MEMORY, calibration.model().withFactors(factors));
    }

    /**
     * Architectures whose recurrent state the planner matched to llama-server's own allocation on a sparse file
     * (docs/fit.md, "Latent attention and recurrent state"); others are labelled estimated.
     */
    private static final java.util.Set<String> STATE_CHECKED_AGAINST_LLAMA_CPP =
            java.util.Set.of("nemotron_h", "granitehybrid", "lfm2", "qwen3next", "qwen35", "qwen35moe", "mamba2");

    private final MemoryModel memory;
    private final ThroughputModel throughput;

    public FitPlanner(MemoryModel memory, ThroughputModel throughput) {
        this.memory = memory;
        this.throughput = throughput;
    }

    /** The planner with the bundled constants and the factors fitted to the bundled calibration set. */
    public static FitPlanner standard() {
        return Standard.INSTANCE;
    }

    public MemoryModel memory() {
        return memory;
    }

    public ThroughputModel throughput() {
        return throughput;
    }

    /** Bytes each side needs for one placement. */
    private record Need(long weightsGpu, long weightsHost, long kvGpu, long kvHost, long computeGpu,
                        long computeHost, long overheadGpu, long overheadHost) {
        long gpu() {
            return weightsGpu + kvGpu + computeGpu + overheadGpu;
        }

        long host() {
            return weightsHost + kvHost + computeHost + overheadHost;
        }
    }

    public FitPlan plan(PlanRequest request) {
        ModelShape shape = request.shape();
        ModelWeights weights = request.weights();
        HardwareTarget target = request.target();
        int blocks = shape.blockCount();
        int totalLayers = blocks + 1;
        long[] layerKv = new long[blocks];
        for (int layer = 0; layer < blocks; layer++) {
            // every slot has its own cells for its context (llama-server -np N -c N×ctx)
            layerKv[layer] = request.parallel() * memory.layerKvBytes(shape, layer, request.contextLength(),
                    request.ubatchSize(), request.kvType());
        }
        long computeFull = memory.computeBytes(shape, request.contextLength(), request.ubatchSize(),
                request.flashAttention(), Math.max(request.reservedOutputRows(),
                        Math.min(request.parallel(), request.ubatchSize())), request.engine());
        long staging = memory.hostStagingBytes(shape, request.ubatchSize());

        long hostBudget = target.host().ramBytes() - request.headroomBytes();
        int gpuLayers = 0;
        Need need = need(request, new Placement(blocks, 0, request.expertsOnCpu()), layerKv, computeFull, staging);
        if (target.gpu() != null) {
            long vramBudget = target.gpu().vramBytes() - request.headroomBytes();
            for (int n = totalLayers; n >= 1; n--) {
                Need candidate = need(request, new Placement(blocks, n, request.expertsOnCpu()), layerKv,
                        computeFull, staging);
                boolean gpuFits = candidate.gpu() <= vramBudget;
                boolean sharedFits = !target.unifiedMemory() || candidate.gpu() + candidate.host() <= hostBudget;
                if (gpuFits && sharedFits) {
                    gpuLayers = n;
                    need = candidate;
                    break;
                }
            }
        }
        Placement placement = new Placement(blocks, gpuLayers, request.expertsOnCpu());
        long hostUse = target.unifiedMemory() ? need.host() + need.gpu() : need.host();
        boolean hostFits = hostUse <= hostBudget;

        Verdict verdict;
        if (!hostFits) {
            verdict = Verdict.NONE;
        } else if (gpuLayers == 0) {
            verdict = Verdict.CPU;
        } else if (gpuLayers == totalLayers && !(request.expertsOnCpu() && weights.totalExpertBytes() > 0)) {
            verdict = Verdict.FULL;
        } else {
            verdict = Verdict.PARTIAL;
        }

        MemoryBreakdown breakdown = new MemoryBreakdown(
                need.weightsGpu() + need.weightsHost(), need.kvGpu() + need.kvHost(),
                need.computeGpu() + need.computeHost(), need.overheadGpu() + need.overheadHost(),
                need.gpu(), need.host());
        long gpuFree = target.gpu() == null ? 0 : target.gpu().vramBytes() - request.headroomBytes() - need.gpu();
        long hostFree = hostBudget - hostUse;

        double decode = 0;
        double prefill = 0;
        if (verdict != Verdict.NONE) {
            decode = decodeTokPerSec(request, placement);
            prefill = prefillTokPerSec(request, placement);
        }
        List<String> notes = notes(request, verdict, placement, gpuFree, hostFree, hostUse, need);
        return new FitPlan(verdict, gpuLayers, totalLayers, breakdown, decode, prefill, gpuFree, hostFree,
                request.expertsOnCpu(),
                new MemoryParts(need.weightsGpu(), need.kvGpu(), need.computeGpu(), need.overheadGpu()),
                new MemoryParts(need.weightsHost(), need.kvHost(), need.computeHost(), need.overheadHost()), notes);
    }

    private Need need(PlanRequest request, Placement placement, long[] layerKv, long computeFull, long staging) {
        ModelWeights weights = request.weights();
        long weightsGpu = 0;
        long weightsHost = weights.tokenEmbeddingBytes();
        long kvGpu = 0;
        long kvHost = 0;
        for (int layer = 0; layer < placement.blocks(); layer++) {
            long experts = weights.layerExpertBytes(layer);
            if (placement.blockOnGpu(layer)) {
                kvGpu += layerKv[layer];
                if (placement.expertsOnCpu()) {
                    weightsGpu += weights.layerBytes(layer) - experts;
                    weightsHost += experts;
                } else {
                    weightsGpu += weights.layerBytes(layer);
                }
            } else {
                kvHost += layerKv[layer];
                weightsHost += weights.layerBytes(layer);
            }
        }
        if (placement.outputOnGpu()) {
            // a tied output is a duplicate of the embedding on the GPU; the host copy stays for the lookup
            weightsGpu += weights.outputBytes();
        } else {
            // a tied output on the host reads the embedding already there; only its own tensors (norm) add
            weightsHost += weights.outputOwnBytes();
        }
        boolean gpuUsed = placement.gpuLayers() > 0;
        long overheadGpu = gpuUsed ? memory.constants().gpuRuntimeOverheadBytes() : 0;
        long computeGpu = gpuUsed ? computeFull : 0;
        long computeHost = gpuUsed ? staging : computeFull;
        return new Need(weightsGpu, weightsHost, kvGpu, kvHost, computeGpu, computeHost, overheadGpu,
                memory.constants().hostRuntimeOverheadBytes());
    }

    /**
     * Serving {@code request.parallel()} streams at once: KV for every slot, aggregate and per-user decode, and
     * the most slots that keep the single-stream verdict. The batched step is scaled so that one slot gives
     * exactly the plan's single-stream decode speed.
     */
    public ParallelEstimate parallel(PlanRequest request) {
        FitPlan plan = plan(request);
        int slots = request.parallel();
        int max = maxParallel(request);
        if (!plan.fits()) {
            return new ParallelEstimate(slots, plan.memory().kvCacheBytes(), 0, 0, max);
        }
        Placement placement = new Placement(request.shape().blockCount(), plan.gpuLayers(), request.expertsOnCpu());
        double single = decodeTokPerSec(request, placement);
        double one = BatchedDecode.stepSeconds(request, placement, 1, memory, throughput);
        double step = BatchedDecode.stepSeconds(request, placement, slots, memory, throughput);
        double perUser = one > 0 && step > 0 ? single * one / step : 0;
        return new ParallelEstimate(slots, plan.memory().kvCacheBytes(), perUser * slots, perUser, max);
    }

    /** The largest slot count (up to {@link PlanRequest#MAX_PARALLEL}) that keeps the one-slot verdict and layers. */
    public int maxParallel(PlanRequest request) {
        FitPlan one = plan(request.withParallel(1));
        if (!one.fits()) {
            return 0;
        }
        int low = 1;
        int high = PlanRequest.MAX_PARALLEL;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            FitPlan p = plan(request.withParallel(mid));
            if (p.verdict() == one.verdict() && p.gpuLayers() >= one.gpuLayers()) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** Decode speed of a placement at the request's depth. */
    public double decodeTokPerSec(PlanRequest request, int gpuLayers) {
        return decodeTokPerSec(request, new Placement(request.shape().blockCount(), gpuLayers, request.expertsOnCpu()));
    }

    private double decodeTokPerSec(PlanRequest request, Placement placement) {
        TokenCost cost = TokenCost.of(request.shape(), request.weights(), placement, request.decodeDepth(),
                request.kvType(), memory);
        HardwareTarget target = request.target();
        double seconds = throughput.cpuDecodeSeconds(target.host(), cost.hostBytes(), cost.hostLayers());
        if (target.gpu() != null && placement.gpuLayers() > 0) {
            seconds += throughput.decodeSeconds(target.gpu().backend(), target.gpu().bandwidthGBps(), cost.gpuBytes(),
                    cost.gpuLayers());
        }
        return seconds > 0 ? 1.0 / seconds : 0;
    }

    private double prefillTokPerSec(PlanRequest request, Placement placement) {
        TokenCost cost = TokenCost.of(request.shape(), request.weights(), placement, request.contextLength() / 2,
                request.kvType(), memory);
        HardwareTarget target = request.target();
        GpuSpec gpu = target.gpu();
        double seconds;
        int ubatch = request.ubatchSize();
        double hostStream = cost.hostStreamBytes(request.shape(), ubatch);
        // all on the CPU: this machine's calibrated compute rate over the planner's (1 uncalibrated); the weight
        // stream is a RAM read and keeps the RAM's rate
        double scale = placement.gpuLayers() == 0 ? target.host().prefillScale() : 1;
        if (gpu == null || gpu.fp16Tflops() <= 0) {
            seconds = throughput.cpuPrefillSeconds(target.host().cpuCores(), cost.gpuFlops() + cost.hostFlops(),
                    target.host().bandwidthGBps(), hostStream, ubatch, scale);
            if (gpu != null && placement.gpuLayers() > 0 && gpu.fp16Tflops() <= 0) {
                return Double.NaN;
            }
        } else if (placement.gpuLayers() == 0) {
            seconds = throughput.cpuPrefillSeconds(target.host().cpuCores(), cost.hostFlops(),
                    target.host().bandwidthGBps(), hostStream, ubatch, scale);
        } else {
            double perExpert = TokenCost.tokensPerExpert(request.shape(), ubatch);
            seconds = throughput.gpuPrefillSeconds(gpu.backend(), gpu.fp16Tflops(), gpu.bandwidthGBps(),
                    cost.gpuFlops() - cost.gpuExpertFlops(), cost.gpuExpertFlops(), ubatch, perExpert,
                    cost.gpuStreamBytes(request.shape(), ubatch), cost.gpuLayers());
            if (cost.hostFlops() > 0 || cost.hostWeightBytes() > 0) {
                if (target.unifiedMemory()) {
                    seconds += throughput.cpuPrefillSeconds(target.host().cpuCores(), cost.hostFlops(),
                            target.host().bandwidthGBps(), hostStream, ubatch, 1);
                } else {
                    // for large batches llama.cpp copies host-resident weights to the GPU once per micro-batch
                    double copy = cost.hostWeightBytes() / (memory.constants().pcieGBps() * GB) / ubatch;
                    // the copy is this part's weight stream, so no second one on the GPU side
                    double gpuSide = throughput.gpuPrefillSeconds(gpu.backend(), gpu.fp16Tflops(), 0,
                            cost.hostFlops() - cost.hostExpertFlops(), cost.hostExpertFlops(), ubatch, perExpert,
                            0, 0);
                    seconds += Math.max(copy, gpuSide);
                }
            }
        }
        return seconds > 0 ? 1.0 / seconds : 0;
    }

    private List<String> notes(PlanRequest request, Verdict verdict, Placement placement, long gpuFree,
                               long hostFree, long hostUse, Need need) {
        List<String> notes = new ArrayList<>();
        int blocks = placement.blocks();
        HardwareTarget target = request.target();
        switch (verdict) {
            case FULL -> notes.add(String.format(Locale.ROOT, "all %d layers and the output on the GPU, %s free",
                    blocks, gb(gpuFree)));
            case PARTIAL -> {
                if (placement.expertsOnCpu() && placement.gpuLayers() == blocks + 1) {
                    notes.add(String.format(Locale.ROOT,
                            "attention of all %d layers on the GPU, MoE experts in RAM (%s free on the GPU)",
                            blocks, gb(gpuFree)));
                } else {
                    notes.add(String.format(Locale.ROOT,
                            "%d of %d layers on the GPU, %d in RAM; decode is limited by host memory bandwidth",
                            placement.gpuLayers(), blocks + 1, blocks + 1 - placement.gpuLayers()));
                }
            }
            case CPU -> notes.add(String.format(Locale.ROOT, "runs on the CPU only, %s of RAM used, %s free",
                    gb(hostUse), gb(hostFree)));
            case NONE -> notes.add(String.format(Locale.ROOT,
                    "does not fit: needs %s of RAM beyond the GPU, %s available after headroom",
                    gb(hostUse), gb(target.host().ramBytes() - request.headroomBytes())));
        }
        if (target.gpu() != null && placement.gpuLayers() == 0 && verdict != Verdict.NONE) {
            notes.add("not even one layer fits in " + gb(target.gpu().vramBytes()) + " of VRAM with the compute buffer");
        }
        if (request.contextLength() > request.shape().contextLength() && request.shape().contextLength() > 0) {
            notes.add(String.format(Locale.ROOT, "context %d is beyond the %d tokens the model was trained for",
                    request.contextLength(), request.shape().contextLength()));
        }
        if (request.shape().slidingWindowLayers() > 0 && "llama4".equals(request.shape().architecture())) {
            notes.add(String.format(Locale.ROOT, "%d of %d layers use llama4's chunked attention (chunks of %d tokens),"
                            + " their KV cache stops growing at the chunk", request.shape().slidingWindowLayers(), blocks,
                    request.shape().slidingWindow()));
        } else if (request.shape().slidingWindowLayers() > 0) {
            notes.add(String.format(Locale.ROOT, "%d of %d layers use a %d-token sliding window, their KV cache is capped",
                    request.shape().slidingWindowLayers(), blocks, request.shape().slidingWindow()));
        }
        if (request.shape().mlaLatentLength() > 0) {
            notes.add(String.format(Locale.ROOT, "multi-head latent attention: the KV cache holds a %d-element latent "
                    + "per token and layer (llama.cpp's MLA cache, no separate V)", request.shape().mlaLatentLength()));
        }
        if (request.shape().isPureRecurrent()) {
            notes.add(String.format(Locale.ROOT, "no attention layers (pure SSM): each of the %d layers holds a fixed "
                    + "state instead of a KV cache, %s per sequence whatever the context", blocks,
                    gb(request.shape().recurrentStateBytesPerLayer() * blocks)));
        } else if (request.shape().hasRecurrentState()) {
            boolean checked = STATE_CHECKED_AGAINST_LLAMA_CPP.contains(request.shape().architecture());
            notes.add(String.format(Locale.ROOT, "%d of %d layers have no KV cache; the recurrent ones hold a fixed state "
                    + "(%s per sequence, from the header's state keys; %s)",
                    request.shape().recurrentLayers(), blocks,
                    gb(request.shape().recurrentStateBytesPerLayer() * request.shape().recurrentLayers()),
                    checked ? "this architecture's state matched llama.cpp's allocation" : "estimated"));
        }
        if (request.shape().hasRecurrentState()) {
            notes.add(RecurrentComputeNote.of(request.shape()));
        }
        if (request.shape().isMixtureOfExperts() && !request.expertsOnCpu() && target.gpu() != null
                && (verdict == Verdict.PARTIAL || verdict == Verdict.CPU)) {
            FitPlan moe = plan(request.withExpertsOnCpu(true));
            if (moe.fits() && moe.gpuLayers() == blocks + 1) {
                notes.add(String.format(Locale.ROOT,
                        "keeping the experts in RAM (--n-cpu-moe) puts all attention on the GPU: %.1f tok/s instead of %.1f",
                        moe.decodeTokPerSec(), decodeTokPerSec(request, placement)));
            }
        }
        if (!request.weights().exact()) {
            notes.add("weights estimated from the catalog's parameter count and bits per weight");
        }
        return notes;
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / GB);
    }
}
