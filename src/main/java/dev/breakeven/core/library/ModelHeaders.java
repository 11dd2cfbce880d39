package dev.breakeven.core.library;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFileType;
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
 * Its own package (not core.models) because it needs the GGUF reader, which itself uses core.models.
 */
public final class ModelHeaders {
    /** No array elements kept: the library needs scalars and the tensor table only. */
    private static final GgufReadOptions HEADER_ONLY = new GgufReadOptions(0, 0, 64 << 10, 1L << 20);
    private static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);


    private ModelHeaders() {
    }

    /** Every model the library finds, each with its header figures. */
    public static List<LibraryModel> scanAndDescribe(ModelLibrary library) {
        return describeAll(library.scan());
    }

    public static List<LibraryModel> describeAll(List<LibraryModel> models) {
        return models.stream().map(ModelHeaders::describe).toList();
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
                preset = GgufFileType.label(file.uint("general.file_type").orElse(-1));
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
