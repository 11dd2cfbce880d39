package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.app.CatalogGpuReferences;
import dev.breakeven.core.runtime.Backend;
import dev.breakeven.core.runtime.Platform;
import dev.breakeven.core.runtime.RuntimeEntry;
import dev.breakeven.core.runtime.RuntimeInstaller;
import dev.breakeven.core.runtime.RuntimeStore;
import dev.breakeven.core.runtime.SmokeModels;
import dev.breakeven.core.runtime.SmokeTest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code breakeven runtime list|install|use|remove|rollback|add|check}: the llama.cpp servers the app runs models with. */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = "Install and choose the llama.cpp runtime (llama-server) with the GPU backend for this machine.",
        subcommands = {RuntimeCommand.ListRuntimes.class, RuntimeCommand.Install.class, RuntimeCommand.Use.class,
                RuntimeCommand.Remove.class, RuntimeCommand.Rollback.class, RuntimeCommand.Add.class,
                RuntimeCheckCommand.class})
public final class RuntimeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    RuntimeCommand(AppServices services) {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One runtime as {@code --json} prints it. */
    public record RuntimeJson(String id, String version, String backend, String path, boolean current, String kind,
                              List<String> problems) {
        static RuntimeJson of(RuntimeEntry e) {
            return new RuntimeJson(e.id(), e.version(), e.backend().id(), e.path().toString(), e.current(),
                    e.kind().name().toLowerCase(Locale.ROOT), e.problems());
        }
    }

    static RuntimeStore store(AppServices services) {
        return new RuntimeStore(services.dirs().data(), Platform.current());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Installed runtimes, folders you added and llama-server on the PATH.")
    static final class ListRuntimes implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;
        private final AppServices services;

        ListRuntimes(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            List<RuntimeEntry> entries = store(services).list(SmokeTest::versionOf);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, entries.stream().map(RuntimeJson::of).toList());
                return;
            }
            if (entries.isEmpty()) {
                out.println("No llama.cpp runtime yet: 'breakeven runtime install' fetches one for this machine.");
                return;
            }
            for (RuntimeEntry e : entries) {
                out.println(String.format(Locale.ROOT, "%s %-24s %-12s %-7s %-9s %s%s", e.current() ? "*" : " ", e.id(),
                        e.version(), e.backend().id(), e.kind().name().toLowerCase(Locale.ROOT), e.path(),
                        e.problems().isEmpty() ? "" : "  PROBLEM: " + String.join("; ", e.problems())));
            }
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Download, verify, smoke-test and make current the llama.cpp build for this machine.")
    static final class Install implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--backend", description = "cpu, cuda, vulkan, metal or hip (default: chosen from the hardware).")
        String backend;
        @Option(names = "--tag", description = "A release tag, e.g. b6000 (default: the latest release).")
        String tag;
        @Option(names = "--releases-url", description = "Releases API endpoint (default ${DEFAULT-VALUE}).",
                defaultValue = "https://api.github.com/repos/ggml-org/llama.cpp/releases/latest")
        URI releasesUrl;
        @Option(names = "--file", description = "Install a llama.cpp archive (.zip or .tar.gz) you already have.")
        Path file;
        @Option(names = "--smoke-model", description = "A small GGUF to start the new server on (default: the smallest "
                + "GGUF up to 1 GiB in --models-dir).")
        Path smokeModel;
        @Option(names = "--models-dir", defaultValue = "models", description = "Where to look for a smoke-test model (default ${DEFAULT-VALUE}).")
        Path modelsDir;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;
        private final AppServices services;

        Install(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            Backend wanted = null;
            if (backend != null) {
                wanted = Backend.parse(backend).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                        "--backend must be cpu, cuda, vulkan, metal or hip, got: " + backend));
            }
            if (file != null && (tag != null || wanted != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--file takes no --tag or --backend");
            }
            RuntimeStore store = store(services);
            Optional<Path> model = smokeModel != null ? Optional.of(smokeModel) : SmokeModels.smallest(List.of(modelsDir));
            RuntimeInstaller installer = RuntimeInstaller.forUser(store,
                    () -> CatalogGpuReferences.detector().detect(), () -> model);
            PrintWriter err = spec.commandLine().getErr();
            int[] lastPercent = {-1};
            RuntimeInstaller.Result result;
            try {
                java.util.function.Consumer<RuntimeInstaller.Progress> progress = p -> {
                    if (p.transfer() == null) {
                        err.println(p.message());
                    } else if (p.transfer().fraction() >= 0) {
                        int percent = (int) (p.transfer().fraction() * 100);
                        if (percent / 10 != lastPercent[0] / 10) {
                            lastPercent[0] = percent;
                            err.printf(Locale.ROOT, "  %3d %%  %.1f of %.1f MB%n", percent, p.transfer().bytes() / 1e6,
                                    p.transfer().totalBytes() / 1e6);
                        }
                    }
                    err.flush();
                };
                result = file != null ? installer.installFile(file, progress, () -> false)
                        : installer.install(releasesUrl, tag, wanted, progress, () -> false);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            var m = result.manifest();
            Path server = store.folderOf(m.id()).resolve(m.server());
            if (json) {
                JsonOutput.print(spec.commandLine().getOut(), new InstallJson(m.id(), m.version(), m.backend().id(),
                        server.toString(), true, result.reason(), m.startMillis(), result.alreadyInstalled(),
                        model.isPresent(), result.allocations().byDevice()));
                return;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println((result.alreadyInstalled() ? "Already installed, now current: " : "Installed and current: ")
                    + m.id() + " (" + m.version() + ", " + m.backend().id() + ")");
            out.println("Why this build: " + result.reason());
            out.println("Server: " + server);
            if (!result.alreadyInstalled()) {
                out.println(m.startMillis() >= 0 ? "Smoke test: --version and a start on " + model.orElseThrow().getFileName()
                        + " (healthy after " + m.startMillis() + " ms)"
                        : "Smoke test: --version only (no small GGUF found; pass --smoke-model FILE to test a start)");
                result.allocations().byDevice().forEach((device, a) -> out.println(String.format(Locale.ROOT,
                        "  llama.cpp allocated on %s: model %.2f MiB, KV cache %.2f MiB, compute %.2f MiB", device,
                        a.modelBytes() / 1048576.0, a.kvBytes() / 1048576.0, a.computeBytes() / 1048576.0)));
            }
        }
    }

    /** What {@code runtime install --json} prints. */
    public record InstallJson(String id, String version, String backend, String path, boolean current, String reason,
                              long startMillis, boolean alreadyInstalled, boolean startTested,
                              java.util.Map<String, dev.breakeven.core.runtime.LlamaCppAllocations.DeviceAllocation> allocations) {
    }

    @Command(name = "use", mixinStandardHelpOptions = true, description = "Make a runtime the current one.")
    static final class Use implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "A runtime id from 'runtime list'.")
        String id;
        private final AppServices services;

        Use(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            try {
                store(services).use(id);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            spec.commandLine().getOut().println("Current runtime: " + id);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Delete an installed runtime, or forget an added folder.")
    static final class Remove implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "A runtime id from 'runtime list'.")
        String id;
        private final AppServices services;

        Remove(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            RuntimeStore store = store(services);
            try {
                store.remove(id);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            spec.commandLine().getOut().println("Removed " + id + "; current runtime: " + store.currentId().orElse("none"));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Go back to the runtime that was current before.")
    static final class Rollback implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        private final AppServices services;

        Rollback(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            try {
                spec.commandLine().getOut().println("Current runtime: " + store(services).rollback());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Use a llama-server you already have (a folder holding it), without installing.")
    static final class Add implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FOLDER", description = "The folder holding llama-server.")
        Path folder;
        private final AppServices services;

        Add(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            try {
                String id = store(services).addFolder(folder);
                spec.commandLine().getOut().println("Added " + id + " (make it current with 'breakeven runtime use " + id + "')");
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
