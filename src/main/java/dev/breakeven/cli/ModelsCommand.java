package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.DownloadRequest;
import dev.breakeven.core.library.ModelHeaders;
import dev.breakeven.core.library.HuggingFaceDownloader;
import dev.breakeven.core.library.LibraryModel;
import dev.breakeven.core.library.LibraryRoots;
import dev.breakeven.core.library.ModelLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** {@code breakeven models list|download}: the GGUF models on this machine, and fetching one from Hugging Face. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List GGUF models on this machine (models/, a folder, LM Studio, Ollama, Hugging Face cache); search, list and pull GGUF models on the Hugging Face Hub.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Download.class, HubCommands.Search.class,
                HubCommands.Files.class, HubCommands.Pull.class})
public final class ModelsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ModelsCommand(AppServices services) {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** One model as {@code --json} prints it. */
    public record ModelJson(String path, String name, String origin, String repository, long sizeBytes, int shards,
                            String architecture, String quantization, long parameters, String problem) {
        static ModelJson of(LibraryModel m) {
            return new ModelJson(m.path().toString(), m.displayName(), m.origin().displayName(), m.repository(),
                    m.sizeBytes(), m.shards(), m.architecture(), m.quantization(), m.parameterCount(), m.problem());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the GGUF models found on this machine.")
    static final class ListModels implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--models-dir", defaultValue = "models", description = "The project's models folder (default ${DEFAULT-VALUE}).")
        Path modelsDir;

        @Option(names = "--folder", description = "Another folder to scan.")
        Path folder;

        @Option(names = "--only-folders", description = "Scan only --models-dir and --folder, not LM Studio, Ollama or the Hugging Face cache.")
        boolean onlyFolders;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        ListModels(AppServices services) {
        }

        @Override
        public void run() {
            LibraryRoots roots = onlyFolders
                    ? new LibraryRoots(modelsDir, folder, List.of(), List.of(), List.of())
                    : LibraryRoots.forCurrentUser(modelsDir, folder);
            List<LibraryModel> models = ModelHeaders.scanAndDescribe(new ModelLibrary(roots));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, models.stream().map(ModelJson::of).toList());
            } else if (models.isEmpty()) {
                out.println("No GGUF models found.");
            } else {
                for (LibraryModel m : models) {
                    out.println(String.format(Locale.ROOT, "%-40s %-18s %9.1f MB  %-8s %-6s %s", m.displayName(),
                            m.origin().displayName(), m.sizeBytes() / 1e6,
                            m.problem() != null ? "unreadable" : m.quantization(),
                            ModelHeaders.parameterLabel(m.parameterCount()),
                            dev.breakeven.core.library.DisplayText.sanitize(m.path().toString())));
                }
            }
            out.flush();
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download a GGUF file from Hugging Face (resumes an interrupted download, checks SHA-256).")
    static final class Download implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--repo", required = true, description = "Repository, e.g. bartowski/Llama-3.2-1B-Instruct-GGUF.")
        String repo;

        @Option(names = "--file", required = true, description = "File in the repository, e.g. Llama-3.2-1B-Instruct-Q4_K_M.gguf.")
        String file;

        @Option(names = "--revision", defaultValue = "main", description = "Branch, tag or commit (default ${DEFAULT-VALUE}).")
        String revision;

        @Option(names = "--sha256", description = "Expected SHA-256 (default: the one the Hub announces, if any).")
        String sha256;

        @Option(names = "--to", defaultValue = "models", description = "Target folder (default ${DEFAULT-VALUE}).")
        Path target;

        @Option(names = "--base-url", description = "Hub address (default: HF_ENDPOINT, the saved setting, or https://huggingface.co).")
        String baseUrl;

        private final AppServices services;

        Download(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            // HF_TOKEN or the app's key file; the downloader sends it only over https to this Hub's host.
            dev.breakeven.core.library.HubEndpoint hub = dev.breakeven.core.library.HubSettings.endpoint(
                    baseUrl, System.getenv(), services.dirs().settings());
            String token = hub.token();
            DownloadRequest request = new DownloadRequest(repo, file, revision, sha256, target, token);
            HuggingFaceDownloader downloader = new HuggingFaceDownloader(
                    java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                            .connectTimeout(java.time.Duration.ofSeconds(20)).build(),
                    hub.baseUrl(), 5, java.time.Duration.ofSeconds(2));
            PrintWriter err = spec.commandLine().getErr();
            AtomicLong lastPercent = new AtomicLong(-1);
            try {
                Path saved = downloader.download(request, p -> {
                    long percent = (long) Math.floor(p.fraction() * 100);
                    if (p.fraction() >= 0 && percent / 10 != lastPercent.getAndSet(percent) / 10) {
                        err.println(String.format(Locale.ROOT, "%3d%%  %.1f MB/s", percent, p.bytesPerSecond() / 1e6));
                        err.flush();
                    }
                }, () -> false);
                spec.commandLine().getOut().println(saved);
                spec.commandLine().getOut().flush();
            } catch (DownloadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
