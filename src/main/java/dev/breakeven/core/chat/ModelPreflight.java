package dev.breakeven.core.chat;

import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufFormatException;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.LlamaCppSupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a model file before the embedded engine touches it, so native code never sees a file it would choke
 * on: our GGUF reader validates the header, the architecture must be one the bundled llama.cpp knows, no
 * hyperparameter may be one llama.cpp asserts on ({@link LlamaCppHyperparameters}), and the weights plus the KV
 * cache must fit the memory the caller allows.
 */
public final class ModelPreflight {
    private static final double GIB = 1024.0 * 1024 * 1024;
    private final long memoryBudgetBytes;
    private final FitGate fitGate;
    private final boolean builtinArchitecturesOnly;

    /**
     * The planner's say on whether a file fits this machine: a refusal with its reason and a suggestion
     * (fewer GPU layers, smaller context, smaller quant), or empty when it fits. Wired by the app from core.fit
     * once a GGUF header can be turned into the planner's request.
     */
    @FunctionalInterface
    public interface FitGate {
        java.util.Optional<String> refusal(GgufFile header, int contextSize);
    }

    /** {@code memoryBudgetBytes}: what the model may use here (e.g. the machine's available RAM); ≤ 0 = no limit. */
    public ModelPreflight(long memoryBudgetBytes) {
        this(memoryBudgetBytes, (header, context) -> java.util.Optional.empty());
    }

    /** The check for this machine: the fit planner against the free RAM, then the plain memory check. */
    public static ModelPreflight forThisMachine() {
        long available = AvailableMemory.bytes();
        return new ModelPreflight(available, PlannerFitGate.cpuOnly(available));
    }

    public ModelPreflight(long memoryBudgetBytes, FitGate fitGate) {
        this(memoryBudgetBytes, fitGate, true);
    }

    private ModelPreflight(long memoryBudgetBytes, FitGate fitGate, boolean builtinArchitecturesOnly) {
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.fitGate = fitGate;
        this.builtinArchitecturesOnly = builtinArchitecturesOnly;
    }

    /** The same checks without the bundled llama.cpp's architecture table (for a current llama-server runtime). */
    public ModelPreflight forAnyArchitecture() {
        return new ModelPreflight(memoryBudgetBytes, fitGate, false);
    }

    /** What was learnt from the header. */
    public record Checked(Path file, String architecture, String name, long fileBytes, long contextTrained,
                          long estimatedBytes) {
    }

    public Checked check(Path file, int contextSize) throws ChatEngineException {
        GgufFile gguf;
        try {
            gguf = GgufReader.read(file);
        } catch (NoSuchFileException e) {
            throw new ChatEngineException("No file at " + file);
        } catch (GgufFormatException e) {
            throw new ChatEngineException(file.getFileName() + " is not a usable GGUF model: " + e.getMessage());
        } catch (IOException e) {
            throw new ChatEngineException("Cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        try {
            return inspect(file, gguf, contextSize);
        } catch (GgufFormatException e) {
            throw new ChatEngineException(file.getFileName() + " is not a usable GGUF model: " + e.getMessage());
        }
    }

    private Checked inspect(Path file, GgufFile gguf, int contextSize) throws ChatEngineException {
        String architecture = gguf.architecture().orElseThrow(() -> new ChatEngineException(file.getFileName()
                + " has no general.architecture entry, so no engine can tell what model it is."));
        var unsupported = LlamaCppSupport.unsupportedReason(architecture);
        if (unsupported.isPresent() && builtinArchitecturesOnly) {
            throw new ChatEngineException(file.getFileName() + " cannot run in the embedded engine: " + unsupported.get()
                    + " (llama-server, Ollama or LM Studio: the \"External server\" engine, or --engine-url).", true);
        }
        var hostile = LlamaCppHyperparameters.problems(gguf, architecture);
        if (!hostile.isEmpty()) {
            throw new ChatEngineException(file.getFileName() + " has values llama.cpp would abort on: "
                    + String.join("; ", hostile) + ". The file is damaged or was written wrong; get it again.");
        }
        long kvBytes = kvCacheBytes(gguf, architecture, contextSize);
        long needed = gguf.tensorBytes() + kvBytes;
        if (memoryBudgetBytes > 0 && needed > memoryBudgetBytes) {
            throw new ChatEngineException(String.format(Locale.ROOT,
                    "%s needs about %.1f GiB (%.1f GiB of weights, %.1f GiB of context cache at %d tokens) but "
                            + "only %.1f GiB is free here. Try a smaller quantization (e.g. Q4_K_M), a smaller "
                            + "context, or a smaller model.",
                    file.getFileName(), needed / GIB, gguf.tensorBytes() / GIB, kvBytes / GIB, contextSize,
                    memoryBudgetBytes / GIB));
        }
        var refusal = fitGate.refusal(gguf, contextSize);
        if (refusal.isPresent()) {
            throw new ChatEngineException(file.getFileName() + " will not fit this machine: " + refusal.get());
        }
        long trained = gguf.uint(architecture + ".context_length").orElse(0);
        String name = gguf.string("general.name").orElse(file.getFileName().toString());
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = gguf.fileSize();
        }
        return new Checked(file, architecture, name, size, trained, needed);
    }

    /** f16 K and V for every layer: layers × context × 2 × kv-heads × head size × 2 bytes. */
    private static long kvCacheBytes(GgufFile gguf, String arch, int contextSize) {
        long layers = gguf.uint(arch + ".block_count").orElse(0);
        long embedding = gguf.uint(arch + ".embedding_length").orElse(0);
        long heads = gguf.uint(arch + ".attention.head_count").orElse(1);
        long kvHeads = gguf.uint(arch + ".attention.head_count_kv").orElse(heads);
        long headSize = heads == 0 ? 0 : embedding / heads;
        return layers * contextSize * 2 * kvHeads * headSize * 2;
    }
}
