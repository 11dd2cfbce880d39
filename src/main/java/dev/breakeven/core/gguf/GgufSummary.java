package dev.breakeven.core.gguf;

import dev.breakeven.core.models.ModelShape;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a planner needs from a GGUF file, computed from its header alone: the model shape, and where
 * the weight bytes are (per layer, token embeddings, output layer, MoE experts).
 *
 * @param architecture        {@code general.architecture}
 * @param name                {@code general.name}, or the file name without extension
 * @param fileType            quantization preset from {@code general.file_type}, e.g. {@code Q4_K_M}; empty when unrecorded
 * @param shape               architecture figures (parameter counts from the tensors)
 * @param fileSize            bytes on disk
 * @param tensorBytes         bytes of all tensor data (the weights llama.cpp loads)
 * @param bytesByType         tensor bytes per ggml type
 * @param layerBytes          tensor bytes of each {@code blk.N.*} layer, index N
 * @param tokenEmbeddingBytes {@code token_embd.weight}
 * @param outputBytes         {@code output.weight}; 0 when the output layer is tied to the token embeddings
 * @param outputNormBytes     the other tensors outside the layers ({@code output_norm}, {@code rope_freqs}, …)
 * @param expertBytes         bytes of MoE expert tensors (a subset of the layer bytes)
 * @param notes               what was assumed while deriving the shape
 */
public record GgufSummary(String architecture, String name, Optional<String> fileType, ModelShape shape, long fileSize,
                          long tensorBytes, Map<GgmlType, Long> bytesByType, List<Long> layerBytes,
                          long tokenEmbeddingBytes, long outputBytes, long outputNormBytes, long expertBytes,
                          List<String> notes) {

    public GgufSummary {
        bytesByType = Collections.unmodifiableMap(new EnumMap<>(bytesByType.isEmpty()
                ? new EnumMap<GgmlType, Long>(GgmlType.class) : bytesByType));
        layerBytes = List.copyOf(layerBytes);
        notes = List.copyOf(notes);
    }

    /** Whether {@code output.weight} is absent and llama.cpp reuses the token embeddings for the output layer. */
    public boolean tiedOutput() {
        return outputBytes == 0;
    }

    /** The type holding most of the bytes, e.g. Q4_K for a Q4_K_M file. */
    public Optional<GgmlType> dominantType() {
        return bytesByType.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    public static GgufSummary of(GgufFile file, Path path) {
        GgufModelShapes.Derivation derivation = GgufModelShapes.derive(file);
        ModelShape shape = derivation.shape();
        long[] layers = new long[shape.blockCount()];
        EnumMap<GgmlType, Long> byType = new EnumMap<>(GgmlType.class);
        long embedding = 0;
        long output = 0;
        long other = 0;
        long experts = 0;
        java.util.ArrayList<String> notes = new java.util.ArrayList<>(derivation.notes());
        for (GgufTensorInfo tensor : file.tensors()) {
            long bytes = tensor.byteSize();
            byType.merge(tensor.type(), bytes, Long::sum);
            int layer = tensor.layerIndex();
            if (layer >= 0 && layer < layers.length) {
                layers[layer] += bytes;
                if (GgufModelShapes.isExpertTensor(tensor.name())) {
                    experts += bytes;
                }
            } else if (tensor.name().equals("token_embd.weight")) {
                embedding += bytes;
            } else if (tensor.name().equals("output.weight")) {
                output += bytes;
            } else {
                if (layer >= layers.length) {
                    notes.add("tensor '" + tensor.name() + "' belongs to a layer beyond block_count " + layers.length);
                }
                other += bytes;
            }
        }
        String fallbackName = path == null ? shape.architecture() : stripExtension(path.getFileName().toString());
        String name = file.string("general.name").filter(s -> !s.isBlank()).orElse(fallbackName);
        Optional<String> fileType = file.value("general.file_type").flatMap(v -> v.asLong().isPresent()
                ? GgufFileType.label(v.asLong().getAsLong()) : Optional.empty());
        return new GgufSummary(shape.architecture(), name, fileType, shape, file.fileSize(), file.tensorBytes(), byType,
                java.util.Arrays.stream(layers).boxed().toList(), embedding, output, other, experts, notes);
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
