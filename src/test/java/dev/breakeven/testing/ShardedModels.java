package dev.breakeven.testing;

import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufFile;
import dev.breakeven.core.gguf.GgufReadOptions;
import dev.breakeven.core.gguf.GgufReader;
import dev.breakeven.core.gguf.GgufTensorInfo;
import dev.breakeven.core.gguf.GgufValue;
import dev.breakeven.core.gguf.GgufWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Big model shapes the way they are published, written sparse: a model split by llama.cpp's gguf-split into
 * {@code name-0000i-of-0000N.gguf} shards (all metadata in the first, {@code split.*} keys in each), and a
 * Mixtral-style mixture of experts (merged {@code _exps} tensors).
 */
public final class ShardedModels {
    private ShardedModels() {
    }

    /** Llama 3 70B: 80 layers, 8192 wide, 64 heads over 8 KV heads, FFN 28672, vocabulary 128256. */
    public static GgufModelFactory.Spec llama3_70b() {
        return new GgufModelFactory.Spec("Llama-3-70B (shape)", "llama", 80, 8192, 28672, 64, 8, 128256, 8192, "gpt2",
                "llama-bpe", false, false, 500000f);
    }

    /** Mixtral 8x7B's dense part: Mistral 7B's shape; {@link #writeMoe} makes its FFNs 8 experts, 2 used. */
    public static GgufModelFactory.Spec mixtralBase() {
        return new GgufModelFactory.Spec("Mixtral-8x7B (shape)", "llama", 32, 4096, 14336, 32, 8, 32000, 32768, "llama",
                null, false, false, 1000000f);
    }

    /** Writes {@code spec} split into {@code shards} files in {@code dir}; returns them in order. */
    public static List<Path> writeSplit(GgufModelFactory.Spec spec, GgmlType type, Path dir, String baseName, int shards)
            throws IOException {
        Path whole = GgufModelFactory.writeSparse(spec, type, Files.createTempFile(dir, "whole", ".gguf"));
        try {
            GgufFile file = GgufReader.read(whole, GgufReadOptions.keepWholeArrays());
            List<GgufTensorInfo> tensors = file.tensors();
            List<Path> out = new ArrayList<>();
            int per = (tensors.size() + shards - 1) / shards;
            for (int i = 0; i < shards; i++) {
                GgufWriter writer = new GgufWriter();
                if (i == 0) {
                    file.metadata().forEach(writer::put);
                }
                writer.put("split.no", new GgufValue.UInt16(i))
                        .put("split.count", new GgufValue.UInt16(shards))
                        .put("split.tensors.count", new GgufValue.Int32(tensors.size()));
                for (GgufTensorInfo t : tensors.subList(i * per, Math.min(tensors.size(), (i + 1) * per))) {
                    writer.addSparseTensor(t.name(), t.type(), t.dimensions().stream().mapToLong(Long::longValue).toArray());
                }
                Path shard = dir.resolve(String.format(Locale.ROOT, "%s-%05d-of-%05d.gguf", baseName, i + 1, shards));
                writer.write(shard);
                out.add(shard);
            }
            return out;
        } finally {
            Files.deleteIfExists(whole);
        }
    }

    /** Writes {@code spec} with each layer's FFN as {@code experts} merged expert tensors, {@code used} per token. */
    public static Path writeMoe(GgufModelFactory.Spec spec, GgmlType type, int experts, int used, Path file)
            throws IOException {
        Path whole = GgufModelFactory.writeSparse(spec, type, Files.createTempFile(file.getParent(), "dense", ".gguf"));
        try {
            GgufFile dense = GgufReader.read(whole, GgufReadOptions.keepWholeArrays());
            GgufWriter writer = new GgufWriter();
            dense.metadata().forEach(writer::put);
            String a = spec.architecture() + ".";
            writer.putUInt32(a + "expert_count", experts).putUInt32(a + "expert_used_count", used);
            for (GgufTensorInfo t : dense.tensors()) {
                long[] dims = t.dimensions().stream().mapToLong(Long::longValue).toArray();
                String name = t.name();
                if (name.matches("blk\\.\\d+\\.ffn_(gate|up|down)\\.weight")) {
                    writer.addSparseTensor(name.replace(".weight", "_exps.weight"), t.type(), dims[0], dims[1], experts);
                    if (name.contains("ffn_gate.")) {
                        writer.addSparseTensor(name.replace("ffn_gate.weight", "ffn_gate_inp.weight"), GgmlType.F32,
                                spec.embedding(), experts);
                    }
                } else {
                    writer.addSparseTensor(name, t.type(), dims);
                }
            }
            writer.write(file);
            return file;
        } finally {
            Files.deleteIfExists(whole);
        }
    }
}
