package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.hub.HubClient;
import dev.breakeven.core.hub.HubModelFile;
import dev.breakeven.core.hub.HubRepo;
import dev.breakeven.core.library.DisplayText;
import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.DownloadRequest;
import dev.breakeven.core.library.HubEndpoint;
import dev.breakeven.core.library.HubSettings;
import dev.breakeven.core.library.HuggingFaceDownloader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** {@code models search|files|pull}: the Hugging Face Hub's GGUF models, from the command line. */
final class HubCommands {
    private HubCommands() {
    }

    /** The Hub address option every Hub command takes. */
    static final class HubOption {
        @Option(names = "--hub-url", paramLabel = "URL",
                description = "Hub address (default: HF_ENDPOINT, the saved setting, or https://huggingface.co).")
        String hubUrl;

        HubEndpoint endpoint(AppServices services) {
            return HubSettings.endpoint(hubUrl, System.getenv(), services.dirs().settings());
        }
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search the Hub for GGUF repositories by name (most downloaded first).")
    static final class Search implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        HubOption hub = new HubOption();
        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Part of a model name, e.g. qwen3 8b.")
        List<String> text;
        @Option(names = "--limit", defaultValue = "20", description = "At most this many repositories (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "Print the repositories as JSON.")
        boolean json;
        private final AppServices services;

        Search(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            List<HubRepo> repos;
            try {
                repos = HubClient.standard(hub.endpoint(services)).search(String.join(" ", text), limit);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, repos);
            } else if (repos.isEmpty()) {
                out.println("No GGUF repositories match '" + String.join(" ", text) + "'.");
            } else {
                for (HubRepo r : repos) {
                    out.println(String.format(Locale.ROOT, "%-60s %,12d downloads", DisplayText.sanitize(r.id()), r.downloads()));
                }
            }
            out.flush();
        }
    }

    /** One GGUF model of a repository as {@code models files --json} prints it. */
    record FileJson(String file, List<String> parts, long sizeBytes, String quant, List<String> sha256) {
        static FileJson of(HubModelFile f) {
            return new FileJson(f.name(), f.parts(), f.sizeBytes(), f.quant(), f.sha256());
        }
    }

    @Command(name = "files", mixinStandardHelpOptions = true,
            description = "List a Hub repository's GGUF models: size, quant, split files grouped.")
    static final class Files implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        HubOption hub = new HubOption();
        @Parameters(paramLabel = "OWNER/REPO", description = "e.g. Qwen/Qwen3-8B-GGUF")
        String repo;
        @Option(names = "--json", description = "Print the files as JSON.")
        boolean json;
        private final AppServices services;

        Files(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            List<HubModelFile> files;
            try {
                files = HubClient.standard(hub.endpoint(services)).ggufFiles(repo);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, files.stream().map(FileJson::of).toList());
            } else if (files.isEmpty()) {
                out.println(repo + " has no GGUF files.");
            } else {
                for (HubModelFile f : files) {
                    out.println(String.format(Locale.ROOT, "%-64s %-8s %10s%s", DisplayText.sanitize(f.name()), f.quant(),
                            gb(f.sizeBytes()), f.shards() > 1 ? "  (" + f.shards() + " files)" : ""));
                }
            }
            out.flush();
        }
    }

    /** What {@code models pull --json} prints. */
    record PullJson(String repo, String file, List<String> paths, long sizeBytes, List<String> sha256, boolean verified) {
    }

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Download a GGUF model (every shard of a split one) from the Hub, checked against the SHA-256 the Hub lists.")
    static final class Pull implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        HubOption hub = new HubOption();
        @Parameters(paramLabel = "OWNER/REPO:FILE", description = "e.g. Qwen/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf")
        String target;
        @Option(names = "--to", defaultValue = "models", description = "Target folder (default ${DEFAULT-VALUE}).")
        Path folder;
        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;
        private final AppServices services;

        Pull(AppServices services) {
            this.services = services;
        }

        @Override
        public void run() {
            int colon = target.indexOf(':');
            if (colon < 1 || colon == target.length() - 1) {
                throw new ParameterException(spec.commandLine(), "give OWNER/REPO:FILE, e.g. Qwen/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf"
                        + " (see 'models files OWNER/REPO')");
            }
            String repo = target.substring(0, colon).strip();
            String file = target.substring(colon + 1).strip();
            HubEndpoint endpoint = hub.endpoint(services);
            HubClient client = HubClient.standard(endpoint);
            PrintWriter err = spec.commandLine().getErr();
            try {
                HubModelFile model = client.ggufFiles(repo).stream()
                        .filter(f -> f.name().equals(file) || f.parts().contains(file)).findFirst()
                        .orElseThrow(() -> new ParameterException(spec.commandLine(), "no GGUF file '" + file + "' in "
                                + repo + " (see 'models files " + repo + "')"));
                HuggingFaceDownloader downloader = new HuggingFaceDownloader(dev.breakeven.core.hub.HubHttp.client(),
                        endpoint.baseUrl(), 5, Duration.ofSeconds(2));
                List<String> paths = new ArrayList<>();
                List<String> hashes = new ArrayList<>();
                boolean verified = true;
                for (String part : model.parts()) {
                    DownloadRequest request = new DownloadRequest(repo, part, "main", model.sha256Of(part).orElse(null),
                            folder, endpoint.token());
                    AtomicLong lastTenth = new AtomicLong(-1);
                    HuggingFaceDownloader.Downloaded done = downloader.downloadChecked(request, p -> {
                        long tenth = (long) Math.floor(p.fraction() * 10);
                        if (p.fraction() >= 0 && tenth != lastTenth.getAndSet(tenth)) {
                            err.println(String.format(Locale.ROOT, "%s %3d%%  %.1f MB/s", request.fileName(), tenth * 10,
                                    p.bytesPerSecond() / 1e6));
                            err.flush();
                        }
                    }, () -> false);
                    paths.add(done.path().toString());
                    hashes.add(done.sha256());
                    verified &= done.verified();
                }
                if (!verified) {
                    err.println("warning: the Hub published no SHA-256 for " + file + "; it is complete by size but unverified");
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    JsonOutput.print(out, new PullJson(repo, model.name(), paths, model.sizeBytes(), hashes, verified));
                } else {
                    paths.forEach(out::println);
                }
                out.flush();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (DownloadException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
