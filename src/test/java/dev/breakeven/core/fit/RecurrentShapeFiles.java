package dev.breakeven.core.fit;

import dev.breakeven.core.calibration.CalibrationShape;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.gguf.GgufWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sparse GGUF files of recurrent (SSM) architectures with free dimensions, so the compute buffer llama.cpp reserves for
 * their layers can be measured while one dimension at a time changes (src/test/resources/fit/llama-server-ssm-compute.json).
 * Every tensor llama.cpp's loader asks for, data left as holes, F16 matrices.
 */
public final class RecurrentShapeFiles {
    /**
     * A pure Mamba-2 shape.
     *
     * @param hidden   {@code embedding_length}
     * @param inner    {@code ssm.inner_size} (d_inner)
     * @param state    {@code ssm.state_size} (d_state)
     * @param groups   {@code ssm.group_count} (B and C groups)
     * @param ssmHeads {@code ssm.time_step_rank} (Mamba-2 heads; d_inner / heads is the head size)
     */
    record Mamba2(int blocks, int hidden, int inner, int state, int groups, int ssmHeads, int vocab) {
        static final Mamba2 SMALL = new Mamba2(4, 512, 1024, 128, 1, 16, 1024);

        String fileName() {
            return "mamba2-e" + hidden + "-i" + inner + "-s" + state + "-g" + groups + "-h" + ssmHeads + "-v" + vocab
                    + ".gguf";
        }
    }

    private RecurrentShapeFiles() {
    }

    static Path writeMamba2(Mamba2 m, Path file) throws IOException {
        int conv = 4;
        GgufWriter w = new GgufWriter();
        String a = "mamba2.";
        w.putString("general.architecture", "mamba2").putString("general.name", "m2");
        w.putUInt32(a + "context_length", 1048576).putUInt32(a + "embedding_length", m.hidden())
                .putUInt32(a + "block_count", m.blocks());
        w.putUInt32(a + "feed_forward_length", 0).putUInt32(a + "attention.head_count", 0);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-5f);
        w.putUInt32(a + "ssm.conv_kernel", conv).putUInt32(a + "ssm.inner_size", m.inner())
                .putUInt32(a + "ssm.state_size", m.state()).putUInt32(a + "ssm.time_step_rank", m.ssmHeads())
                .putUInt32(a + "ssm.group_count", m.groups());
        CalibrationShape.fillerVocabulary(w, m.vocab());
        GgmlType t = GgmlType.F16;
        int e = m.hidden();
        w.addSparseTensor("token_embd.weight", t, e, m.vocab());
        w.addSparseTensor("output_norm.weight", GgmlType.F32, e);
        w.addSparseTensor("output.weight", t, e, m.vocab());
        int convDim = m.inner() + 2 * m.groups() * m.state();
        for (int i = 0; i < m.blocks(); i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            w.addSparseTensor(b + "ssm_in.weight", t, e, 2L * m.inner() + 2L * m.groups() * m.state() + m.ssmHeads());
            w.addSparseTensor(b + "ssm_conv1d.weight", GgmlType.F32, conv, convDim);
            w.addSparseTensor(b + "ssm_conv1d.bias", GgmlType.F32, convDim);
            w.addSparseTensor(b + "ssm_dt.bias", GgmlType.F32, m.ssmHeads());
            w.addSparseTensor(b + "ssm_a", GgmlType.F32, 1, m.ssmHeads());
            w.addSparseTensor(b + "ssm_d", GgmlType.F32, 1, m.ssmHeads());
            w.addSparseTensor(b + "ssm_norm.weight", GgmlType.F32, m.inner() / m.groups(), m.groups());
            w.addSparseTensor(b + "ssm_out.weight", t, m.inner(), e);
        }
        w.write(file);
        return file;
    }

    /**
     * A small granitehybrid file (Granite 4.0 H layout, dense FFN): layers mamba, mamba, mamba, attention, each with an
     * FFN; Mamba-2 mixers of state 128, 1 group, conv 4, 16 heads; 8 attention heads, 2 KV heads of 64; F16 matrices.
     */
    public static Path writeGraniteHybrid(int e, int inner, int ff, Path file) throws IOException {
        int state = 128, groups = 1, conv = 4, ssmHeads = 16, heads = 8, kvh = 2, hd = 64,
                vocab = 1024, blocks = 4;
        int[] kv = {0, 0, 0, kvh};
        GgufWriter w = new GgufWriter();
        String a = "granitehybrid.";
        w.putString("general.architecture", "granitehybrid").putString("general.name", "gh");
        w.putUInt32(a + "context_length", 131072).putUInt32(a + "embedding_length", e).putUInt32(a + "block_count", blocks);
        w.putUInt32(a + "feed_forward_length", ff).putUInt32(a + "attention.head_count", heads);
        w.putInts(a + "attention.head_count_kv", kv).putUInt32(a + "attention.key_length", hd)
                .putUInt32(a + "attention.value_length", hd).putUInt32(a + "rope.dimension_count", hd);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-5f).putFloat32(a + "rope.freq_base", 10000f);
        w.putFloat32(a + "attention.scale", 0.015625f).putFloat32(a + "embedding_scale", 12f)
                .putFloat32(a + "residual_scale", 0.22f).putFloat32(a + "logit_scale", 8f);
        w.putUInt32(a + "ssm.conv_kernel", conv).putUInt32(a + "ssm.inner_size", inner)
                .putUInt32(a + "ssm.state_size", state).putUInt32(a + "ssm.time_step_rank", ssmHeads)
                .putUInt32(a + "ssm.group_count", groups);
        CalibrationShape.fillerVocabulary(w, vocab);
        GgmlType t = GgmlType.F16;
        w.addSparseTensor("token_embd.weight", t, e, vocab);
        w.addSparseTensor("output_norm.weight", GgmlType.F32, e);
        int convDim = inner + 2 * groups * state;
        for (int i = 0; i < blocks; i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            if (kv[i] > 0) {
                w.addSparseTensor(b + "attn_q.weight", t, e, heads * hd);
                w.addSparseTensor(b + "attn_k.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_v.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_output.weight", t, heads * hd, e);
            } else {
                w.addSparseTensor(b + "ssm_in.weight", t, e, 2 * inner + 2 * groups * state + ssmHeads);
                w.addSparseTensor(b + "ssm_conv1d.weight", GgmlType.F32, conv, convDim);
                w.addSparseTensor(b + "ssm_conv1d.bias", GgmlType.F32, convDim);
                w.addSparseTensor(b + "ssm_dt.bias", GgmlType.F32, ssmHeads);
                w.addSparseTensor(b + "ssm_a", GgmlType.F32, 1, ssmHeads);
                w.addSparseTensor(b + "ssm_d", GgmlType.F32, 1, ssmHeads);
                w.addSparseTensor(b + "ssm_norm.weight", GgmlType.F32, inner / groups, groups);
                w.addSparseTensor(b + "ssm_out.weight", t, inner, e);
            }
            w.addSparseTensor(b + "ffn_norm.weight", GgmlType.F32, e);
            w.addSparseTensor(b + "ffn_gate.weight", t, e, ff);
            w.addSparseTensor(b + "ffn_up.weight", t, e, ff);
            w.addSparseTensor(b + "ffn_down.weight", t, ff, e);
        }
        w.write(file);
        return file;
    }

    /**
     * A small file of the Qwen3.5 family ({@code qwen35} dense FFN, {@code qwen35moe} MoE with a shared expert): the
     * qwen3next layout (gated delta-net layers of 2 key heads and 4 value heads of 64, conv 4, full attention every 4th
     * layer), with the tensor names this llama.cpp build's qwen35 loader asks for.
     */
    static Path writeQwen35(String arch, Path file) throws IOException {
        return writeQwen35(arch, 512, 2, 4, 64, 256, file);
    }

    /**
     * A gated delta-net hybrid: {@code qwen3next} (MoE with a shared expert, one {@code ssm_ba} projection) or the
     * Qwen3.5 family ({@code qwen35} dense FFN, {@code qwen35moe}; rotary sections and separate beta/alpha).
     *
     * @param groups   delta-net key heads ({@code ssm.group_count})
     * @param vHeads   delta-net value heads ({@code ssm.time_step_rank})
     * @param state    key and value head size ({@code ssm.state_size}; inner is {@code vHeads × state})
     * @param expertFf FFN size (dense {@code qwen35}) or expert and shared-expert size (the MoE kinds)
     */
    static Path writeQwen35(String arch, int e, int groups, int vHeads, int state, int expertFf, Path file)
            throws IOException {
        boolean qwen35 = arch.startsWith("qwen35");
        boolean moe = !arch.equals("qwen35");
        int heads = 8, kvh = 2, hd = 64, conv = 4, experts = 4, vocab = 1024, blocks = 4;
        int inner = state * vHeads;
        GgufWriter w = new GgufWriter();
        String a = arch + ".";
        w.putString("general.architecture", arch).putString("general.name", arch);
        w.putUInt32(a + "context_length", 262144).putUInt32(a + "embedding_length", e).putUInt32(a + "block_count", blocks);
        w.putUInt32(a + "feed_forward_length", expertFf).putUInt32(a + "attention.head_count", heads);
        w.putUInt32(a + "attention.head_count_kv", kvh).putUInt32(a + "attention.key_length", hd)
                .putUInt32(a + "attention.value_length", hd).putUInt32(a + "rope.dimension_count", hd);
        w.putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-6f).putFloat32(a + "rope.freq_base", 10000000f);
        if (moe) {
            w.putUInt32(a + "expert_count", experts).putUInt32(a + "expert_used_count", 2)
                .putUInt32(a + "expert_feed_forward_length", expertFf)
                    .putUInt32(a + "expert_shared_feed_forward_length", expertFf);
        }
        if (qwen35) {
            // Qwen3.5 ships multimodal rotary sections (pairs per section summing to rope.dimension_count / 2)
            w.putInts(a + "rope.dimension_sections", new int[] {11, 11, 10, 0});
        }
        w.putUInt32(a + "full_attention_interval", 4);
        w.putUInt32(a + "ssm.conv_kernel", conv).putUInt32(a + "ssm.inner_size", inner)
                .putUInt32(a + "ssm.state_size", state).putUInt32(a + "ssm.time_step_rank", vHeads)
                .putUInt32(a + "ssm.group_count", groups);
        CalibrationShape.fillerVocabulary(w, vocab);
        GgmlType t = GgmlType.F16;
        w.addSparseTensor("token_embd.weight", t, e, vocab);
        w.addSparseTensor("output_norm.weight", GgmlType.F32, e);
        w.addSparseTensor("output.weight", t, e, vocab);
        int keyDim = state * groups;
        for (int i = 0; i < blocks; i++) {
            String b = "blk." + i + ".";
            w.addSparseTensor(b + "attn_norm.weight", GgmlType.F32, e);
            w.addSparseTensor(b + "post_attention_norm.weight", GgmlType.F32, e);
            if ((i + 1) % 4 == 0) {
                w.addSparseTensor(b + "attn_q.weight", t, e, heads * hd * 2);
                w.addSparseTensor(b + "attn_k.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_v.weight", t, e, kvh * hd);
                w.addSparseTensor(b + "attn_output.weight", t, heads * hd, e);
                w.addSparseTensor(b + "attn_q_norm.weight", GgmlType.F32, hd);
                w.addSparseTensor(b + "attn_k_norm.weight", GgmlType.F32, hd);
            } else {
                w.addSparseTensor(b + "attn_qkv.weight", t, e, 2 * keyDim + inner);
                w.addSparseTensor(b + "attn_gate.weight", t, e, inner);
                w.addSparseTensor(b + "ssm_conv1d.weight", GgmlType.F32, conv, 2 * keyDim + inner);
                w.addSparseTensor(b + "ssm_dt.bias", GgmlType.F32, vHeads);
                w.addSparseTensor(b + "ssm_a", GgmlType.F32, vHeads);
                if (qwen35) {
                    // Qwen3.5 splits qwen3next's ssm_ba into one projection each for beta and alpha
                    w.addSparseTensor(b + "ssm_beta.weight", t, e, vHeads);
                    w.addSparseTensor(b + "ssm_alpha.weight", t, e, vHeads);
                } else {
                    w.addSparseTensor(b + "ssm_ba.weight", t, e, 2 * vHeads);
                }
                w.addSparseTensor(b + "ssm_norm.weight", GgmlType.F32, state);
                w.addSparseTensor(b + "ssm_out.weight", t, inner, e);
            }
            if (!moe) {
                w.addSparseTensor(b + "ffn_gate.weight", t, e, expertFf);
                w.addSparseTensor(b + "ffn_up.weight", t, e, expertFf);
                w.addSparseTensor(b + "ffn_down.weight", t, expertFf, e);
                continue;
            }
            w.addSparseTensor(b + "ffn_gate_inp.weight", GgmlType.F32, e, experts);
            w.addSparseTensor(b + "ffn_gate_exps.weight", t, e, expertFf, experts);
            w.addSparseTensor(b + "ffn_up_exps.weight", t, e, expertFf, experts);
            w.addSparseTensor(b + "ffn_down_exps.weight", t, expertFf, e, experts);
            w.addSparseTensor(b + "ffn_gate_inp_shexp.weight", GgmlType.F32, e);
            w.addSparseTensor(b + "ffn_gate_shexp.weight", t, e, expertFf);
            w.addSparseTensor(b + "ffn_up_shexp.weight", t, e, expertFf);
            w.addSparseTensor(b + "ffn_down_shexp.weight", t, expertFf, e);
        }
        w.write(file);
        return file;
    }

    /** {@code java … RecurrentShapeFiles DIR mamba2 BLOCKS HIDDEN INNER STATE GROUPS HEADS VOCAB}: writes one file. */
    public static void main(String[] args) throws IOException {
        if (args.length == 9 && args[1].equals("mamba2")) {
            int[] n = new int[7];
            for (int i = 0; i < 7; i++) {
                n[i] = Integer.parseInt(args[i + 2]);
            }
            Mamba2 m = new Mamba2(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
            System.out.println(writeMamba2(m, Path.of(args[0], m.fileName())));
            return;
        }
        if (args.length == 5 && args[1].equals("granitehybrid")) {
            int e = Integer.parseInt(args[2]), inner = Integer.parseInt(args[3]), ff = Integer.parseInt(args[4]);
            System.out.println(writeGraniteHybrid(e, inner, ff,
                    Path.of(args[0], "granitehybrid-e" + e + "-i" + inner + "-f" + ff + ".gguf")));
            return;
        }
        if (args.length == 7 && args[1].startsWith("qwen35")) {
            int[] n = new int[5];
            for (int i = 0; i < 5; i++) {
                n[i] = Integer.parseInt(args[i + 2]);
            }
            System.out.println(writeQwen35(args[1], n[0], n[1], n[2], n[3], n[4], Path.of(args[0], args[1] + "-e" + n[0]
                    + "-g" + n[1] + "-v" + n[2] + "-s" + n[3] + "-f" + n[4] + ".gguf")));
            return;
        }
        if (args.length == 2 && args[1].startsWith("qwen35")) {
            System.out.println(writeQwen35(args[1], Path.of(args[0], args[1] + ".gguf")));
            return;
        }
        if (args.length == 2 && args[1].equals("nemotron_h")) {
            System.out.println(ArchShapeFiles.writeNemotronH(Path.of(args[0], "nemotron_h.gguf")));
            return;
        }
        throw new IllegalArgumentException("usage: DIR mamba2 BLOCKS HIDDEN INNER STATE GROUPS HEADS VOCAB");
    }
}
