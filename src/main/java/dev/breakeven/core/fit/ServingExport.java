package dev.breakeven.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of an existing serving engine for a plan: {@code llama-server} for one box with parallel slots,
 * {@code vllm serve} for a GPU box (tensor parallel over several cards when one is too small). When the model needs
 * more than one card or the streams more than one box, it says what to run instead. The app builds no server.
 *
 * @param engine     {@code llama-server} or {@code vllm}
 * @param command    the command line to run
 * @param gpus       cards the command expects (0: CPU only)
 * @param rigs       boxes behind a load balancer for the requested streams (1 when one box serves them)
 * @param notes      what to run instead, and what was assumed
 */
public record ServingExport(String engine, String command, int gpus, int rigs, List<String> notes) {
    /** vLLM's default share of each card it may fill ({@code --gpu-memory-utilization}). */
    public static final double VLLM_MEMORY_SHARE = 0.90;

    public ServingExport {
        notes = List.copyOf(notes);
    }

    /**
     * @param model       the path or name the engine loads
     * @param request     the plan's request (context per stream, KV type, flash attention, streams)
     * @param plan        the planner's answer for {@code request}
     * @param maxStreams  the most streams one box holds at that verdict ({@link FitPlanner#maxParallel})
     */
    public static ServingExport llamaServer(String model, PlanRequest request, FitPlan plan, int maxStreams) {
        List<String> notes = new ArrayList<>();
        int streams = request.parallel();
        int perBox = Math.max(1, Math.min(streams, maxStreams));
        int rigs = (streams + perBox - 1) / perBox;
        int gpus = request.target().gpu() == null ? 0 : 1;
        // the flags come from the same place as the runtime the app starts itself (Chat, bench, chat)
        LlamaServerFlags flags = LlamaServerFlags.of(request, plan, perBox, false);
        StringBuilder c = new StringBuilder("llama-server -m ").append(quote(model))
                .append(" -c ").append((long) request.contextLength() * perBox);
        flags.args().forEach(word -> c.append(' ').append(word));
        c.append(" -t ").append(request.target().host().cpuCores()).append(" --jinja");
        if (rigs > 1) {
            notes.add(String.format(Locale.ROOT, "%d streams need %d boxes of %d slots behind a load balancer",
                    streams, rigs, perBox));
        }
        if (gpus > 0 && plan.verdict() != Verdict.FULL) {
            int cards = cardsNeeded(plan, request);
            notes.add(String.format(Locale.ROOT, "does not fit one %s: %d such cards in one box run it all on GPUs "
                            + "(llama-server splits layers across them: -sm layer), or vllm serve with "
                            + "--tensor-parallel-size %d", request.target().gpu().name(), cards, powerOfTwo(cards)));
        }
        return new ServingExport("llama-server", c.toString(), gpus, rigs, notes);
    }

    /** {@code vllm serve} on as many of the target's cards as the weights and every stream's KV cache need. */
    public static ServingExport vllm(String model, PlanRequest request, FitPlan plan) {
        List<String> notes = new ArrayList<>();
        if (request.target().gpu() == null) {
            notes.add("vLLM serves from GPUs; this target has none, use --export llama-server");
            return new ServingExport("vllm", "", 0, 1, notes);
        }
        int cards = powerOfTwo(Math.max(1, (int) Math.ceil(vllmNeedBytes(plan)
                / (VLLM_MEMORY_SHARE * request.target().gpu().vramBytes()))));
        StringBuilder c = new StringBuilder("vllm serve ").append(quote(model))
                .append(" --tensor-parallel-size ").append(cards)
                .append(" --max-model-len ").append(request.contextLength())
                .append(String.format(Locale.ROOT, " --gpu-memory-utilization %.2f", VLLM_MEMORY_SHARE))
                .append(" --max-num-seqs ").append(request.parallel());
        if (cards > 1) {
            notes.add(String.format(Locale.ROOT, "needs %d × %s in one box (tensor parallel)", cards,
                    request.target().gpu().name()));
        }
        notes.add("vLLM loads Hugging Face safetensors (or AWQ/GPTQ/FP8 checkpoints) rather than most GGUF quants; "
                + "memory is estimated from this plan");
        return new ServingExport("vllm", c.toString(), cards, 1, notes);
    }

    /** Weights, every slot's KV cache and the compute buffer, all on GPUs. */
    private static double vllmNeedBytes(FitPlan plan) {
        MemoryBreakdown m = plan.memory();
        return m.weightsBytes() + m.kvCacheBytes() + m.computeBytes();
    }

    private static int cardsNeeded(FitPlan plan, PlanRequest request) {
        MemoryBreakdown m = plan.memory();
        double need = m.weightsBytes() + m.kvCacheBytes() + m.computeBytes();
        double perCard = request.target().gpu().vramBytes() - request.headroomBytes()
                - plan.gpu().overheadBytes();
        return Math.max(2, (int) Math.ceil(need / Math.max(1, perCard)));
    }

    /**
     * The box the export asks for, as one device for the planner: {@code cards} × the memory; with tensor
     * parallelism also × the bandwidth and compute (each card reads its slice of every matrix; all-reduce costs
     * are left out, so this is an upper bound), with a layer split the bandwidth of one card (layers run in turn).
     */
    public static HardwareTarget box(HardwareTarget target, int cards, boolean tensorParallel) {
        GpuSpec g = target.gpu();
        if (g == null || cards <= 1) {
            return target;
        }
        double speed = tensorParallel ? cards : 1;
        GpuSpec all = new GpuSpec(cards + " × " + g.name(), g.vramBytes() * cards, g.bandwidthGBps() * speed,
                g.fp16Tflops() * speed, g.backend());
        return new HardwareTarget(cards + " × " + g.name(), all, target.host(), target.unifiedMemory());
    }

    static int powerOfTwo(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    private static String quote(String text) {
        return text.matches("[A-Za-z0-9_./:@+=-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
