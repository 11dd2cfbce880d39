package dev.breakeven.core.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What llama.cpp reported allocating while loading a model and creating a context, parsed from its log (the lines
 * {@code llama-server} prints at verbosity 4, {@code -lv 4}, and older builds print by default), in total and per
 * device, to set beside the planner's figures.
 * Sizes are bytes converted from the log's MiB figures (printed with two decimals, so each is exact to ±5 KiB).
 *
 * @param modelBuffers   model weight buffers by name, e.g. {@code CPU_Mapped}, {@code CPU_REPACK}, {@code CPU}
 * @param kvCacheBytes   the KV cache ("KV buffer size" summed over buffers, or "KV self size"), plus the recurrent
 *                       state of SSM layers ("RS buffer size"), which the planner counts in the same term
 * @param kBytes         the K half of the cache when the log splits it, else -1
 * @param vBytes         the V half of the cache when the log splits it, else -1
 * @param computeBytes   compute buffers summed over backends
 * @param outputBytes    the logits/embeddings output buffer, -1 when not reported
 * @param contextSize    {@code n_ctx} llama.cpp settled on, -1 when not reported
 * @param log            the raw log lines the figures came from
 * @param kvBuffers      KV cache and recurrent-state buffers by name ({@code CUDA0}, {@code CPU} …)
 * @param computeBuffers compute buffers by name ({@code CUDA0}, {@code CUDA_Host}, {@code CPU} …)
 */
public record LlamaCppAllocations(Map<String, Long> modelBuffers, long kvCacheBytes, long kBytes, long vBytes,
                                  long computeBytes, long outputBytes, long contextSize, List<String> log,
                                  Map<String, Long> kvBuffers, Map<String, Long> computeBuffers) {

    private static final Pattern MODEL_BUFFER = Pattern.compile("(\\S+) model buffer size =\\s*([0-9.]+) MiB");
    // recurrent models (mamba2, hybrids) hold their per-sequence state in "RS" buffers beside (or instead of) the KV cache
    private static final Pattern KV_BUFFER = Pattern.compile("(\\S+) (?:KV|RS) buffer size =\\s*([0-9.]+) MiB");
    // "KV self size = … MiB, K (f16): …" (older builds) or "llama_kv_cache: size = … MiB (256 cells, …), K (f16): …"
    private static final Pattern KV_SELF = Pattern.compile(
            "(?:KV self size|llama_kv_cache: size)\\s*=\\s*([0-9.]+) MiB.*?K \\((\\w+)\\):\\s*([0-9.]+) MiB, V \\((\\w+)\\):\\s*([0-9.]+) MiB");
    private static final Pattern COMPUTE_BUFFER = Pattern.compile("(\\S+) compute buffer size =\\s*([0-9.]+) MiB");
    private static final Pattern OUTPUT_BUFFER = Pattern.compile("(\\S+)\\s+output buffer size =\\s*([0-9.]+) MiB");
    private static final Pattern N_CTX = Pattern.compile("\\bn_ctx\\s*=\\s*(\\d+)");

    public LlamaCppAllocations {
        modelBuffers = Collections.unmodifiableMap(new LinkedHashMap<>(modelBuffers));
        log = List.copyOf(log);
        kvBuffers = Collections.unmodifiableMap(new LinkedHashMap<>(kvBuffers));
        computeBuffers = Collections.unmodifiableMap(new LinkedHashMap<>(computeBuffers));
    }

    /** Model, KV and compute bytes on one device; host-side buffers ({@code CPU_Mapped}, {@code CUDA_Host}) count as CPU. */
    public record DeviceAllocation(long modelBytes, long kvBytes, long computeBytes) {
        public long total() {
            return modelBytes + kvBytes + computeBytes;
        }
    }

    /** The figures per device, in the order llama.cpp first named each. */
    public Map<String, DeviceAllocation> byDevice() {
        Map<String, long[]> sums = new LinkedHashMap<>();
        modelBuffers.forEach((name, bytes) -> sums.computeIfAbsent(deviceOf(name), k -> new long[3])[0] += bytes);
        kvBuffers.forEach((name, bytes) -> sums.computeIfAbsent(deviceOf(name), k -> new long[3])[1] += bytes);
        computeBuffers.forEach((name, bytes) -> sums.computeIfAbsent(deviceOf(name), k -> new long[3])[2] += bytes);
        Map<String, DeviceAllocation> out = new LinkedHashMap<>();
        sums.forEach((device, v) -> out.put(device, new DeviceAllocation(v[0], v[1], v[2])));
        return Collections.unmodifiableMap(out);
    }

    static String deviceOf(String buffer) {
        if (buffer.startsWith("CPU") || buffer.endsWith("_Host")) {
            return "CPU";
        }
        return buffer;
    }

    /** True when the log held any allocation line at all (a log at too low a verbosity holds none). */
    public boolean found() {
        return !modelBuffers.isEmpty() || kvCacheBytes >= 0 && !kvBuffers.isEmpty() || !computeBuffers.isEmpty();
    }

    /** Sum of all model weight buffers. */
    public long modelBytes() {
        return modelBuffers.values().stream().mapToLong(Long::longValue).sum();
    }

    public OptionalLong modelBuffer(String name) {
        Long bytes = modelBuffers.get(name);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /** Parses llama.cpp's log text (any number of lines; lines without figures are ignored). */
    public static LlamaCppAllocations parse(String logText) {
        List<String> lines = new ArrayList<>(logText.lines().toList());
        Map<String, Long> model = new LinkedHashMap<>();
        long kvBuffers = 0;
        boolean sawKvBuffer = false;
        Map<String, Long> kvByName = new LinkedHashMap<>();
        Map<String, Long> computeByName = new LinkedHashMap<>();
        long kvSelf = -1;
        long k = -1;
        long v = -1;
        long compute = 0;
        long output = -1;
        long nCtx = -1;
        for (String line : lines) {
            Matcher m;
            if ((m = MODEL_BUFFER.matcher(line)).find()) {
                model.merge(m.group(1), mib(m.group(2)), Long::sum);
            } else if ((m = KV_BUFFER.matcher(line)).find()) {
                kvBuffers += mib(m.group(2));
                kvByName.merge(m.group(1), mib(m.group(2)), Long::sum);
                sawKvBuffer = true;
            } else if ((m = KV_SELF.matcher(line)).find()) {
                kvSelf = mib(m.group(1));
                k = mib(m.group(3));
                v = mib(m.group(5));
            } else if ((m = COMPUTE_BUFFER.matcher(line)).find()) {
                compute += mib(m.group(2));
                computeByName.merge(m.group(1), mib(m.group(2)), Long::sum);
            } else if ((m = OUTPUT_BUFFER.matcher(line)).find()) {
                output = Math.max(output, 0) + mib(m.group(2));
            } else if (nCtx < 0 && (m = N_CTX.matcher(line)).find()) {
                nCtx = Long.parseLong(m.group(1));
            }
        }
        long kv = sawKvBuffer ? kvBuffers : kvSelf;
        return new LlamaCppAllocations(model, kv, k, v, compute, output, nCtx, lines, kvByName, computeByName);
    }

    private static long mib(String figure) {
        return Math.round(Double.parseDouble(figure) * 1024 * 1024);
    }

    /** Allowed error when comparing a byte count with one of these figures: the log rounds MiB to two decimals. */
    public static final long LOG_ROUNDING_BYTES = 5_243; // 0.005 MiB, rounded up
}
