package dev.breakeven.core.models.library;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufReadOptions;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufTensorInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the library shows from a GGUF header: architecture, quantization label and parameter count.
 * Only the header is read, with metadata arrays (vocabularies) skipped, so describing a file is fast.
 */
public final class GgufSummary {
    /** No array elements kept: the library needs scalars and the tensor table only. */
    private static final GgufReadOptions HEADER_ONLY = new GgufReadOptions(0, 0);
    private static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);

    /**
     * llama.cpp's {@code enum llama_ftype} (include/llama.h), the value of {@code general.file_type}:
     * the preset a file was quantized with. Ids absent here were removed from llama.cpp.
     */
    private static final Map<Integer, String> FILE_TYPES = Map.ofEntries(
            Map.entry(0, "F32"), Map.entry(1, "F16"), Map.entry(2, "Q4_0"), Map.entry(3, "Q4_1"),
            Map.entry(7, "Q8_0"), Map.entry(8, "Q5_0"), Map.entry(9, "Q5_1"), Map.entry(10, "Q2_K"),
            Map.entry(11, "Q3_K_S"), Map.entry(12, "Q3_K_M"), Map.entry(13, "Q3_K_L"), Map.entry(14, "Q4_K_S"),
            Map.entry(15, "Q4_K_M"), Map.entry(16, "Q5_K_S"), Map.entry(17, "Q5_K_M"), Map.entry(18, "Q6_K"),
            Map.entry(19, "IQ2_XXS"), Map.entry(20, "IQ2_XS"), Map.entry(21, "Q2_K_S"), Map.entry(22, "IQ3_XS"),
            Map.entry(23, "IQ3_XXS"), Map.entry(24, "IQ1_S"), Map.entry(25, "IQ4_NL"), Map.entry(26, "IQ3_S"),
            Map.entry(27, "IQ3_M"), Map.entry(28, "IQ2_S"), Map.entry(29, "IQ2_M"), Map.entry(30, "IQ4_XS"),
            Map.entry(31, "IQ1_M"), Map.entry(32, "BF16"), Map.entry(36, "TQ1_0"), Map.entry(37, "TQ2_0"),
            Map.entry(38, "MXFP4_MOE"));

    private GgufSummary() {
    }

    /** The model with its header figures, or with {@code problem} set when the header cannot be read. */
    public static LibraryModel describe(LibraryModel model) {
        try {
            List<Path> parts = parts(model);
            GgufFile first = GgufReader.read(parts.getFirst(), HEADER_ONLY);
            long parameters = parameters(first);
            Map<GgmlType, Long> bytesByType = bytesByType(first, new EnumMap<>(GgmlType.class));
            for (Path part : parts.subList(1, parts.size())) {
                GgufFile shard = GgufReader.read(part, HEADER_ONLY);
                parameters += parameters(shard);
                bytesByType(shard, bytesByType);
            }
            String architecture = first.architecture().orElse("unknown");
            return model.withHeader(architecture, quantLabel(first, bytesByType), parameters);
        } catch (IOException | RuntimeException e) {
            return model.withProblem("not a readable GGUF file: " + e.getMessage());
        }
    }

    /** {@code general.file_type} by name, else the type holding most of the weight bytes. */
    static String quantLabel(GgufFile file, Map<GgmlType, Long> bytesByType) {
        Optional<String> preset = Optional.empty();
        if (file.has("general.file_type")) {
            try {
                preset = Optional.ofNullable(FILE_TYPES.get((int) file.uint("general.file_type").orElse(-1)));
            } catch (RuntimeException wrongType) {
                preset = Optional.empty();
            }
        }
        return preset.orElseGet(() -> bytesByType.entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(e -> e.getKey().name()).orElse("unknown"));
    }

    private static long parameters(GgufFile file) {
        long total = 0;
        for (GgufTensorInfo tensor : file.tensors()) {
            total += tensor.elementCount();
        }
        return total;
    }

    private static Map<GgmlType, Long> bytesByType(GgufFile file, Map<GgmlType, Long> into) {
        for (GgufTensorInfo tensor : file.tensors()) {
            into.merge(tensor.type(), tensor.byteSize(), Long::sum);
        }
        return into;
    }

    /** The files of a model: itself, or every shard named like its first one. */
    private static List<Path> parts(LibraryModel model) {
        Matcher m = SHARD.matcher(model.path().getFileName().toString());
        if (model.shards() <= 1 || !m.matches()) {
            return List.of(model.path());
        }
        int count = Integer.parseInt(m.group(3));
        List<Path> parts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path part = model.path().resolveSibling(String.format("%s-%05d-of-%s.gguf", m.group(1), i, m.group(3)));
            if (Files.isRegularFile(part)) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** Short parameter label as model cards write it: "1.2B", "494M". */
    public static String parameterLabel(long parameters) {
        if (parameters <= 0) {
            return "";
        }
        if (parameters >= 1_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1fB", parameters / 1e9);
        }
        if (parameters >= 1_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.0fM", parameters / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.0fK", parameters / 1e3);
    }
}
