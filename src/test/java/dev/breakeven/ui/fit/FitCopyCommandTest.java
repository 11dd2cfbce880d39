package dev.breakeven.ui.fit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakeven.app.AppServices;
import dev.breakeven.cli.BreakevenCommand;
import dev.breakeven.core.fit.FlashAttention;
import dev.breakeven.core.fit.KvCacheType;
import dev.breakeven.core.gguf.GgmlType;
import dev.breakeven.core.hardware.CpuInfo;
import dev.breakeven.core.hardware.FigureSource;
import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.hardware.MemoryInfo;
import dev.breakeven.core.io.Json;
import dev.breakeven.testing.GgufModelFactory;
import dev.breakeven.ui.common.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Fit page's "Copy command" is the command {@code fit --export} prints for the same file, context and options. */
class FitCopyCommandTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private static HardwareProfile machine() {
        return new HardwareProfile("Linux", new CpuInfo("Test CPU", 8, 16, List.of()),
                new MemoryInfo(64 * GIB, 64 * GIB, 80.0, FigureSource.USER), List.of(), List.of());
    }

    private FitViewModel onRtx4090() {
        FitViewModel vm = new FitViewModel(TaskExecutor.inline());
        vm.useProfile(machine());
        vm.hardwareProperty().set(vm.hardwareChoices().stream()
                .filter(h -> h.label().equals("What if: GeForce RTX 4090")).findFirst().orElseThrow());
        return vm;
    }

    /** {@code fit … --export ENGINE --json} run in-process the way a user runs it; the exported command. */
    private String cli(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("fit", "--gpu", "GeForce RTX 4090", "--ram", "64",
                "--ram-bandwidth", "80", "--cpu-cores", "8", "--json"));
        all.addAll(List.of(args));
        int code = BreakevenCommand.run(AppServices.forTest(dir.resolve("home")), all.toArray(String[]::new),
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        return json.get("export").get("command").asText();
    }

    private FitViewModel.Commands commands(FitViewModel vm) {
        return vm.commands(vm.matrixProperty().get(), vm.selectionProperty().get()).orElseThrow();
    }

    @Test
    void anOpenedFilesCommandIsTheCliExportWithItsRealPath() throws Exception {
        Path file = dir.resolve("my models/qwen.gguf"); // a space: the path must come out quoted, as the CLI does
        java.nio.file.Files.createDirectories(file.getParent());
        GgufModelFactory.writeSparse(GgufModelFactory.qwen25_05b(), GgmlType.Q8_0, file);
        FitViewModel vm = onRtx4090();
        vm.openFile(file);
        vm.contextLog2Property().set(14);

        FitViewModel.Commands c = commands(vm);
        assertThat(c.llamaServer().command())
                .isEqualTo(cli("--gguf", file.toString(), "--ctx", "16384", "--export", "llama-server"))
                .startsWith("llama-server -m '" + file.toAbsolutePath() + "' -c 16384")
                .contains("-ngl 999");
        assertThat(c.vllm().command()).isEqualTo(cli("--gguf", file.toString(), "--ctx", "16384", "--export", "vllm"));
        assertThat(c.placeholder()).isFalse();

        // a quantized KV cache with flash attention on travels into the command as the CLI writes it
        vm.flashAttentionProperty().set(FlashAttention.ON);
        vm.kvTypeProperty().set(KvCacheType.Q8_0);
        assertThat(commands(vm).llamaServer().command())
                .isEqualTo(cli("--gguf", file.toString(), "--ctx", "16384", "--flash-attn", "on", "--kv-type", "q8_0",
                        "--export", "llama-server"))
                .contains("-ctk q8_0");
    }

    @Test
    void aCatalogCellNamesTheListedFileAndCarriesThatCellsPlan() throws Exception {
        FitViewModel vm = onRtx4090();
        FitViewModel.Matrix m = vm.matrixProperty().get();
        int row = m.rows().stream().map(FitViewModel.Row::id).toList().indexOf("llama-3.1-8b");
        int column = m.columns().indexOf("Q4_K_M");
        vm.selectionProperty().set(new FitViewModel.Selection(row, column));

        FitViewModel.Commands c = commands(vm);
        // the file name the model sources list for this cell (the one "Get this model" downloads), as a placeholder
        String cliCommand = cli("--model", "llama-3.1-8b", "--quant", "Q4_K_M", "--ctx", "8192",
                "--export", "llama-server");
        assertThat(c.llamaServer().command())
                .startsWith("llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 8192")
                .isEqualTo(cliCommand.replace("llama-3.1-8b-Q4_K_M.gguf", "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"));
        assertThat(c.placeholder()).isTrue();
    }

    @Test
    void noSelectionNoCommand() {
        FitViewModel vm = onRtx4090();
        assertThat(vm.commands(vm.matrixProperty().get(), null)).isEmpty();
        assertThat(vm.commands(vm.matrixProperty().get(), new FitViewModel.Selection(FitViewModel.FILE_ROW, 0))).isEmpty();
    }
}
