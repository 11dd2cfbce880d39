package dev.breakeven.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.fit.FitPlan;
import dev.breakeven.core.fit.FitPlanner;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.ServingEngine;
import dev.breakeven.core.fit.ServingExport;
import dev.breakeven.core.fit.GpuSpec;
import dev.breakeven.core.fit.HardwareTarget;
import dev.breakeven.core.fit.HardwareTargets;
import dev.breakeven.core.fit.HostSpec;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.fit.MemoryBreakdown;
import dev.breakeven.core.fit.ParallelEstimate;
import dev.breakeven.core.fit.PlanRequest;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.OverridesStore;
import dev.breakeven.core.models.GpuCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code breakeven fit}: does a model fit this machine (or a what-if card), where do its layers go, and how fast
 * will it run.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Plan memory and speed of a GGUF file or a catalog model on this machine or a what-if card.")
public final class FitCommand implements Runnable {
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private final AppServices services;
    private final Supplier<HardwareProfile> detected;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gguf", paramLabel = "PATH", description = "Plan this exact GGUF file (header only).")
    Path gguf;

    @Option(names = "--url", paramLabel = "URL", description = "Plan a remote GGUF file from its header (HTTP Range; a few MB).")
    String url;

    @Option(names = "--hf", paramLabel = "OWNER/REPO[:FILE]",
            description = "Plan a GGUF file on the Hugging Face Hub from its header, e.g. Qwen/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf.")
    String hf;

    @Option(names = "--hub-url", paramLabel = "URL", description = "Hub address for --hf (default: HF_ENDPOINT, the saved setting, or https://huggingface.co).")
    String hubUrl;

    @Option(names = "--model", paramLabel = "CATALOG_ID", description = "Plan a catalog model, e.g. llama-3.1-8b.")
    String model;

    @Option(names = "--quant", paramLabel = "QUANT", description = "Quantization for --model, e.g. Q4_K_M.")
    String quant;

    @Option(names = "--ctx", required = true, paramLabel = "N", description = "Context length in tokens.")
    int ctx;

    @Option(names = "--kv-type", paramLabel = "TYPE", defaultValue = "f16", description = "KV cache type: f16, q8_0 or q4_0.")
    String kvType;

    @Option(names = "--gpu", paramLabel = "NAME", description = "A GPU from the catalog, e.g. \"GeForce RTX 4090\".")
    String gpuName;

    @Option(names = "--vram", paramLabel = "GIB", description = "GPU memory in GiB (with --bandwidth).")
    Double vramGib;

    @Option(names = "--bandwidth", paramLabel = "GBPS", description = "GPU memory bandwidth in GB/s.")
    Double bandwidth;

    @Option(names = "--tflops", paramLabel = "TFLOPS", description = "GPU dense FP16 TFLOPS (for prefill speed).")
    Double tflops;

    @Option(names = "--ram", paramLabel = "GIB", description = "System RAM in GiB (with --ram-bandwidth).")
    Double ramGib;

    @Option(names = "--ram-bandwidth", paramLabel = "GBPS", description = "System memory bandwidth in GB/s.")
    Double ramBandwidth;

    @Option(names = "--cpu-cores", paramLabel = "N", description = "CPU cores (default: this machine's).")
    Integer cpuCores;

    @Option(names = "--headroom", paramLabel = "GIB", defaultValue = "0", description = "Memory to keep free on GPU and RAM.")
    double headroomGib;

    @Option(names = "--experts-on-cpu", description = "Keep MoE expert weights in RAM (llama.cpp --n-cpu-moe).")
    boolean expertsOnCpu;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "runtime",
            description = "Which llama.cpp runs it: runtime (current llama-server, default) or builtin "
                    + "(the app's embedded llama.cpp b4916). Sets the flash-attention default and the compute buffer.")
    String engineName;

    @Option(names = {"--flash-attn", "-fa"}, paramLabel = "on|off|auto",
            description = "Flash attention as llama.cpp's -fa (default: the engine's: runtime auto = on where the "
                    + "backend supports it, builtin off). Off grows the compute buffer with context x micro-batch x heads.")
    String flashAttn;

    @Option(names = {"--parallel", "-np"}, paramLabel = "N",
            description = "Plan N concurrent streams (llama-server -np N), each with --ctx tokens of KV cache: "
                    + "adds aggregate and per-user decode speed and the most slots that fit.")
    Integer parallel;

    @Option(names = "--export", paramLabel = "llama-server|vllm",
            description = "Print the serving command for this plan (llama-server with slots, or vllm serve with "
                    + "tensor parallelism) with its expected throughput, and what to run when one card is too small.")
    String export;

    FitCommand(AppServices services) {
        this(services, () -> {
            var loaded = new OverridesStore(services.dirs().settings()).load();
            return CatalogGpuReferences.detector().detect(loaded.overrides());
        });
    }

    FitCommand(AppServices services, Supplier<HardwareProfile> detected) {
        this.services = services;
        this.detected = detected;
    }

    /** The JSON shape scripts rely on (issue 4's CLI contract), plus what was planned. */
    record Output(String fit, int gpuLayers, int totalLayers, MemoryBreakdown memory, double decodeTokPerSec,
                  double prefillTokPerSec, List<String> notes, String model, String weightsSource,
                  int contextLength, String kvType, String hardware,
                  String engine, String flashAttnSetting, boolean flashAttention,
                  @JsonInclude(JsonInclude.Include.NON_NULL) ParallelOutput parallel,
                  @JsonInclude(JsonInclude.Include.NON_NULL) ExportOutput export) {
    }

    /** {@code export} in the JSON: the command, the cards and boxes it needs, and the throughput to expect. */
    record ExportOutput(String engine, String command, int gpus, int rigs, List<String> notes,
                        double aggregateDecodeTokPerSec, double perUserDecodeTokPerSec, int streams) {
    }

    private ServingExport export(FitPlanner planner, PlanRequest request, FitPlan plan) {
        String name = gguf != null ? gguf.toString()
                : export.equals("vllm") ? model : model + "-" + quant + ".gguf";
        return export.equals("vllm") ? ServingExport.vllm(name, request, plan)
                : ServingExport.llamaServer(name, request, plan, planner.maxParallel(request));
    }

    /** {@code parallel} in the JSON: present only with {@code --parallel}. */
    record ParallelOutput(int slots, long kvCacheBytes, double aggregateDecodeTokPerSec,
                          double perUserDecodeTokPerSec, int maxSlots) {
        static ParallelOutput of(ParallelEstimate e) {
            return new ParallelOutput(e.slots(), e.kvCacheBytes(), round(e.aggregateDecodeTokPerSec()),
                    round(e.perUserDecodeTokPerSec()), e.maxSlots());
        }
    }

    /** True when the plan failed because a quantized KV cache was asked for without flash attention. */
    private static boolean quantizedWithoutFlash(KvCacheType kv, FlashAttention fa) {
        return kv != KvCacheType.F16 && fa != FlashAttention.ON;
    }

    @Override
    public void run() {
        if (ctx < 1) {
            throw new ParameterException(spec.commandLine(), "--ctx must be a positive number of tokens");
        }
        KvCacheType kv;
        try {
            kv = KvCacheType.parse(kvType);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (parallel != null && (parallel < 1 || parallel > PlanRequest.MAX_PARALLEL)) {
            throw new ParameterException(spec.commandLine(), "--parallel must be between 1 and "
                    + PlanRequest.MAX_PARALLEL);
        }
        if (headroomGib < 0) {
            throw new ParameterException(spec.commandLine(), "--headroom cannot be negative");
        }
        ServingEngine engine;
        FlashAttention fa;
        try {
            engine = ServingEngine.parse(engineName);
            fa = flashAttn == null ? engine.defaultFlashAttention() : FlashAttention.parse(flashAttn);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        FitPlanner planner = FitPlanner.standard();
        if ((url != null || hf != null) && (gguf != null || model != null)) {
            throw new ParameterException(spec.commandLine(), "give one of --gguf, --model, --url or --hf");
        }
        RemoteSubject remote = RemoteSubject.resolve(spec.commandLine(), url, hf,
                dev.breakeven.core.library.HubSettings.endpoint(hubUrl, System.getenv(), services.dirs().settings()));
        PlanSubject subject = remote != null ? remote.subject() : PlanSubject.resolve(spec.commandLine(), gguf, model, quant);
        HardwareTarget target = target(planner);
        PlanRequest request;
        try {
            request = PlanRequest.of(subject.shape(), subject.weights(), ctx, target)
                    .withEngine(engine, fa)
                    .withKvType(kv)
                    .withHeadroom(Math.round(headroomGib * GIB))
                    .withExpertsOnCpu(expertsOnCpu)
                    .withParallel(parallel == null ? 1 : parallel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()
                    + (quantizedWithoutFlash(kv, fa) ? " (use --flash-attn on, or --kv-type f16)" : ""));
        }
        if (export != null && !export.equals("llama-server") && !export.equals("vllm")) {
            throw new ParameterException(spec.commandLine(), "unknown --export '" + export + "' (use llama-server or vllm)");
        }
        FitPlan plan = planner.plan(request);
        ExportOutput exported = null;
        if (export != null) {
            ServingExport e = export(planner, request, plan);
            // the throughput to expect is the one of the box the export asks for, not of one card
            int perBox = (request.parallel() + e.rigs() - 1) / e.rigs();
            PlanRequest box = (e.gpus() > 1
                    ? request.withTarget(ServingExport.box(target, e.gpus(), export.equals("vllm"))) : request)
                    .withParallel(perBox);
            ParallelEstimate expected = planner.parallel(box);
            exported = new ExportOutput(e.engine(), e.command(), e.gpus(), e.rigs(), e.notes(),
                    round(expected.aggregateDecodeTokPerSec()), round(expected.perUserDecodeTokPerSec()),
                    expected.slots());
        }
        Output output = new Output(plan.verdict().word(), plan.gpuLayers(), plan.totalLayers(), plan.memory(),
                round(plan.decodeTokPerSec()), round(plan.prefillTokPerSec()), notes(plan), subject.label(),
                subject.weights().exact() ? "gguf" : "catalog", ctx, kv.cliName(), target.label(),
                engine.cliName(), fa.cliName(), request.flashAttention(),
                parallel == null ? null : ParallelOutput.of(planner.parallel(request)), exported);
        PrintWriter out = spec.commandLine().getOut();
        if (remote != null) {
            RemoteOutput.print(out, json, output, remote);
        } else if (json) {
            JsonOutput.print(out, output);
        } else {
            printText(out, output);
        }
        out.flush();
    }

    private HardwareTarget target(FitPlanner planner) {
        boolean customGpu = vramGib != null || bandwidth != null || tflops != null;
        if (gpuName != null && customGpu) {
            throw new ParameterException(spec.commandLine(), "use either --gpu or --vram/--bandwidth, not both");
        }
        if (customGpu && (vramGib == null || bandwidth == null)) {
            throw new ParameterException(spec.commandLine(), "--vram and --bandwidth go together");
        }
        if ((ramGib == null) != (ramBandwidth == null)) {
            throw new ParameterException(spec.commandLine(), "--ram and --ram-bandwidth go together");
        }
        positive(vramGib, "--vram");
        positive(bandwidth, "--bandwidth");
        positive(ramGib, "--ram");
        positive(ramBandwidth, "--ram-bandwidth");
        if (tflops != null && tflops < 0) {
            throw new ParameterException(spec.commandLine(), "--tflops cannot be negative");
        }
        if (cpuCores != null && cpuCores < 1) {
            throw new ParameterException(spec.commandLine(), "--cpu-cores must be at least 1");
        }
        double fallback = planner.memory().constants().fallbackHostBandwidthGBps();
        boolean hostGiven = ramGib != null;
        HardwareProfile profile = hostGiven && cpuCores != null ? null : detected.get();
        if (!hostGiven) {
            hostAssumption = HardwareTargets.assumedBandwidthNote(profile, fallback);
            calibration = Optional.of("this machine: " + dev.breakeven.core.hardware.CalibrationStatus.of(profile));
        }
        HostSpec host = hostGiven
                ? new HostSpec(Math.round(ramGib * GIB), ramBandwidth,
                cpuCores != null ? cpuCores : HardwareTargets.host(profile, fallback).cpuCores())
                : withCores(HardwareTargets.host(profile, fallback));
        if (gpuName != null) {
            var card = GpuCatalog.load().find(gpuName).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no GPU named '" + gpuName + "' in the catalog (see the Compare page or gpus.json)"));
            return HardwareTargets.fromCatalog(card, host);
        }
        if (customGpu) {
            GpuSpec gpu = new GpuSpec(String.format(Locale.ROOT, "custom GPU (%.0f GiB, %.0f GB/s)", vramGib, bandwidth),
                    Math.round(vramGib * GIB), bandwidth, tflops == null ? 0 : tflops, "cuda");
            return HardwareTarget.withGpu(gpu, host);
        }
        if (hostGiven) {
            return HardwareTarget.cpuOnly(host);
        }
        HardwareTarget machine = HardwareTargets.fromProfile(profile, GpuCatalog.load(), fallback);
        return new HardwareTarget(machine.label(), machine.gpu(), host, machine.unifiedMemory());
    }

    /** Set by {@link #target} when this machine's RAM bandwidth had to be assumed. */
    private Optional<String> hostAssumption = Optional.empty();

    /** "this machine: calibrated <date>" or "…: uncalibrated" when this machine's host figures were used. */
    private Optional<String> calibration = Optional.empty();

    private HostSpec withCores(HostSpec host) {
        return cpuCores == null ? host : new HostSpec(host.ramBytes(), host.bandwidthGBps(), cpuCores);
    }

    private void positive(Double value, String option) {
        if (value != null && !(value > 0)) {
            throw new ParameterException(spec.commandLine(), option + " must be positive");
        }
    }

    private List<String> notes(FitPlan plan) {
        List<String> notes = new java.util.ArrayList<>(plan.notes());
        hostAssumption.ifPresent(notes::add);
        calibration.ifPresent(notes::add);
        return notes;
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : 0;
    }

    static void printText(PrintWriter out, Output o) {
        out.printf(Locale.ROOT, "%s at %d tokens (%s KV) on %s%n", o.model(), o.contextLength(), o.kvType(), o.hardware());
        out.printf(Locale.ROOT, "engine   %s, flash attention %s (-fa %s)%n", o.engine(), o.flashAttention() ? "on" : "off",
                o.flashAttnSetting());
        out.printf(Locale.ROOT, "fit      %s, %d/%d layers on the GPU%n", o.fit(), o.gpuLayers(), o.totalLayers());
        MemoryBreakdown m = o.memory();
        out.printf(Locale.ROOT, "memory   weights %.2f GiB, KV cache %.2f GiB, compute %.2f GiB, overhead %.2f GiB%n",
                m.weightsBytes() / GIB, m.kvCacheBytes() / GIB, m.computeBytes() / GIB, m.overheadBytes() / GIB);
        out.printf(Locale.ROOT, "         GPU %.2f GiB, RAM %.2f GiB%n", m.gpuBytes() / GIB, m.hostBytes() / GIB);
        out.printf(Locale.ROOT, "speed    decode %.1f tok/s, prefill %.0f tok/s (predicted)%n", o.decodeTokPerSec(),
                o.prefillTokPerSec());
        if (o.parallel() != null) {
            ParallelOutput p = o.parallel();
            out.printf(Locale.ROOT, "parallel %d slots: KV %.2f GiB, %.1f tok/s in total, %.1f tok/s per user; "
                            + "at most %d slots keep this fit%n", p.slots(), p.kvCacheBytes() / GIB,
                    p.aggregateDecodeTokPerSec(), p.perUserDecodeTokPerSec(), p.maxSlots());
        }
        o.notes().forEach(n -> out.println("note     " + n));
        if (o.export() != null) {
            ExportOutput e = o.export();
            if (!e.command().isEmpty()) {
                out.println("run      " + e.command());
            }
            if (e.aggregateDecodeTokPerSec() > 0) {
                out.printf(Locale.ROOT, "expect   %.1f tok/s in total, %.1f per stream, with %d stream%s on %d GPU%s%s%n",
                        e.aggregateDecodeTokPerSec(), e.perUserDecodeTokPerSec(), e.streams(),
                        e.streams() == 1 ? "" : "s", Math.max(1, e.gpus()), e.gpus() > 1 ? "s" : "",
                        e.rigs() > 1 ? " per box, " + e.rigs() + " boxes" : "");
            }
            e.notes().forEach(n -> out.println("export   " + n));
        }
    }
}
