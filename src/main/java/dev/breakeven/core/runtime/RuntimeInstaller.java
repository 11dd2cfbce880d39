package dev.breakeven.core.runtime;

import dev.breakeven.core.hardware.HardwareProfile;
import dev.breakeven.core.library.DownloadException;
import dev.breakeven.core.library.TransferProgress;
import dev.breakeven.core.runtime.InstallException.Kind;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Installs a llama.cpp runtime: reads the release, picks the build, downloads and verifies each archive against the
 * published SHA-256, unpacks it into a staging folder, finds {@code llama-server}, smoke-tests it, and only then moves
 * it into place and makes it current. Any failure leaves the installed runtimes and the current one as they were; only
 * a cut or cancelled download leaves its {@code .part} file, which the next install resumes.
 */
public final class RuntimeInstaller {
    public static final URI LATEST = URI.create("https://api.github.com/repos/ggml-org/llama.cpp/releases/latest");

    public enum Stage { RELEASE, DOWNLOAD, UNPACK, SMOKE, DONE }

    /** @param transfer bytes so far during DOWNLOAD, else null */
    public record Progress(Stage stage, String message, TransferProgress transfer) {
    }

    /**
     * @param reason          why this build (the backend rule that decided, or "asked for")
     * @param alreadyInstalled true when that build was installed before and was only made current
     */
    public record Result(RuntimeManifest manifest, String reason, boolean alreadyInstalled, List<String> smokeLog) {
        /** What llama.cpp reported allocating for the smoke model, per device (empty when no model was started). */
        public LlamaCppAllocations allocations() {
            return LlamaCppAllocations.parse(String.join("\n", smokeLog));
        }
    }

    private final RuntimeStore store;
    private final HttpClient client;
    private final ArchiveDownload download;
    private final BackendChooser chooser;
    private final Supplier<HardwareProfile> hardware;
    private final SmokeTest smoke;
    private final Supplier<Optional<Path>> smokeModel;

    public RuntimeInstaller(RuntimeStore store, HttpClient client, BackendChooser chooser,
                            Supplier<HardwareProfile> hardware, SmokeTest smoke, Supplier<Optional<Path>> smokeModel) {
        this(store, client, chooser, hardware, smoke, smokeModel, Duration.ofSeconds(30));
    }

    /** @param stallTimeout how long a download may receive nothing before it counts as cut */
    public RuntimeInstaller(RuntimeStore store, HttpClient client, BackendChooser chooser,
                            Supplier<HardwareProfile> hardware, SmokeTest smoke, Supplier<Optional<Path>> smokeModel,
                            Duration stallTimeout) {
        this.store = store;
        this.client = client;
        this.download = new ArchiveDownload(client, stallTimeout);
        this.chooser = chooser;
        this.hardware = hardware;
        this.smoke = smoke;
        this.smokeModel = smokeModel;
    }

    /** The installer as the app and the CLI use it: this platform, its Vulkan loader, GitHub-ready HTTP client. */
    public static RuntimeInstaller forUser(RuntimeStore store, Supplier<HardwareProfile> hardware,
                                           Supplier<Optional<Path>> smokeModel) {
        return new RuntimeInstaller(store, defaultClient(),
                new BackendChooser(store.platform(), VulkanLoader.present(store.platform())), hardware,
                new SmokeTest(Duration.ofSeconds(120)), smokeModel);
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** The release at {@code releasesUrl}, or the tag's release when a tag is given. */
    public Release fetchRelease(URI releasesUrl, String tag) throws InstallException {
        URI url = releaseUrl(releasesUrl, tag);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("User-Agent", "Breakeven/0.1 (runtime installer)").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InstallException(Kind.NETWORK, "cannot reach " + url + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + " (check the connection, or install a downloaded archive with --file)", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallException(Kind.CANCELLED, "cancelled", false, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            throw new InstallException(Kind.RELEASE, tag != null ? "no release tagged " + tag + " at " + url
                    : "no release at " + url);
        }
        if (status == 403 || status == 429) {
            throw new InstallException(Kind.RELEASE, "the releases API refused the request (HTTP " + status
                    + ", often its hourly rate limit): try again later, or install a downloaded archive with --file");
        }
        if (status != 200) {
            throw new InstallException(Kind.RELEASE, "the releases API answered HTTP " + status + " for " + url);
        }
        try {
            return Release.parse(response.body());
        } catch (IOException e) {
            throw new InstallException(Kind.RELEASE, e.getMessage(), false, e);
        }
    }

    static URI releaseUrl(URI releasesUrl, String tag) throws InstallException {
        if (tag == null || tag.isBlank()) {
            return releasesUrl;
        }
        if (!tag.matches("[A-Za-z0-9._-]+")) {
            throw new InstallException(Kind.RELEASE, "not a release tag: " + tag);
        }
        String s = releasesUrl.toString();
        if (!s.endsWith("/releases/latest")) {
            throw new InstallException(Kind.RELEASE, "--tag needs a releases URL ending in /releases/latest, got " + s);
        }
        return URI.create(s.substring(0, s.length() - "latest".length()) + "tags/" + tag);
    }

    /** The build for this machine, or the asked-for backend's build. */
    public BackendChoice plan(Release release, Backend requested) throws InstallException {
        if (requested == null) {
            BackendChoice choice = chooser.choose(hardware.get(), release);
            if (choice.pkg() == null) {
                throw new InstallException(Kind.NO_ASSET, choice.reason());
            }
            return choice;
        }
        List<RuntimePackage> builds = AssetPicker.packages(release, store.platform(), requested);
        if (builds.isEmpty()) {
            String offered = AssetPicker.packages(release, store.platform()).stream().map(p -> p.backend().id())
                    .distinct().collect(Collectors.joining(", "));
            throw new InstallException(Kind.NO_ASSET, "release " + release.tag() + " has no " + requested.id()
                    + " build for " + store.platform() + (offered.isEmpty() ? " (nothing at all for this platform)"
                    : " (it has: " + offered + ")"));
        }
        return new BackendChoice(requested, builds.getFirst(), "asked for " + requested.id());
    }

    public Result install(URI releasesUrl, String tag, Backend requested, Consumer<Progress> progress,
                          BooleanSupplier cancelled) throws InstallException {
        progress.accept(new Progress(Stage.RELEASE, "reading " + releaseUrl(releasesUrl, tag), null));
        Release release = fetchRelease(releasesUrl, tag);
        BackendChoice choice = plan(release, requested);
        RuntimePackage pkg = choice.pkg();
        for (ReleaseAsset asset : pkg.downloads()) {
            if (asset.sha256() == null) {
                throw new InstallException(Kind.NO_DIGEST, asset.name() + " has no SHA-256 digest in the release "
                        + "data, so it cannot be verified: not installed (download it yourself and use --file ARCHIVE)");
            }
        }
        String id = pkg.runtimeId();
        if (store.manifest(id).filter(m -> store.problems(m).isEmpty()).isPresent()) {
            try {
                store.use(id);
            } catch (IOException e) {
                throw new InstallException(Kind.DISK, e.getMessage(), false, e);
            }
            return new Result(store.manifest(id).orElseThrow(), choice.reason(), true, List.of());
        }
        List<Path> archives = new ArrayList<>();
        for (ReleaseAsset asset : pkg.downloads()) {
            progress.accept(new Progress(Stage.DOWNLOAD, "downloading " + asset.name(), null));
            try {
                archives.add(download.fetch(asset.url(), asset.name(), asset.sha256(), store.downloads(),
                        t -> progress.accept(new Progress(Stage.DOWNLOAD, "downloading " + asset.name(), t)), cancelled));
            } catch (DownloadException e) {
                throw translate(e);
            }
        }
        Committed done = unpackAndCommit(id, release.tag(), pkg.backend(), archives,
                pkg.archive().url().toString(), pkg.archive().sha256(), progress, cancelled);
        archives.forEach(RuntimeInstaller::deleteQuietly);
        return new Result(done.manifest(), choice.reason(), false, done.smokeLog());
    }

    /** Installs an archive the user already has; its digest is recorded, not checked (there is nothing to check it against). */
    public Result installFile(Path archive, Consumer<Progress> progress, BooleanSupplier cancelled) throws InstallException {
        if (!Files.isRegularFile(archive)) {
            throw new InstallException(Kind.BAD_ARCHIVE, "no such file: " + archive);
        }
        String sha;
        try {
            sha = dev.breakeven.core.library.HuggingFaceDownloader.sha256(archive);
        } catch (DownloadException e) {
            throw new InstallException(Kind.DISK, e.getMessage(), false, e);
        }
        String name = archive.getFileName().toString();
        Optional<AssetPicker.AssetName> parsed = AssetPicker.parse(name);
        String tag = parsed.map(AssetPicker.AssetName::tag).orElse("local");
        String id = RuntimeIds.sanitize(parsed.map(n -> n.tag() + "-" + (n.variant().isEmpty() ? "cpu" : n.variant()))
                .orElse("local-" + sha.substring(0, 8)));
        Committed done = unpackAndCommit(id, tag, null, List.of(archive), archive.toAbsolutePath().toString(),
                sha, progress, cancelled);
        return new Result(done.manifest(), "installed from " + archive, false, done.smokeLog());
    }

    private record Committed(RuntimeManifest manifest, List<String> smokeLog) {
    }

    private Committed unpackAndCommit(String id, String tag, Backend backend, List<Path> archives, String source,
                                            String sha256, Consumer<Progress> progress, BooleanSupplier cancelled)
            throws InstallException {
        Path staging = store.root().resolve(".staging-" + id + "-" + System.nanoTime());
        try {
            progress.accept(new Progress(Stage.UNPACK, "unpacking " + archives.getFirst().getFileName(), null));
            try {
                ArchiveUnpacker.unpack(archives.getFirst(), staging);
            } catch (IOException e) {
                throw new InstallException(Kind.BAD_ARCHIVE, "cannot unpack " + archives.getFirst().getFileName() + ": "
                        + e.getMessage() + "; nothing was installed", false, e);
            }
            Path server = ServerFiles.findServer(staging, store.platform()).orElseThrow(() -> new InstallException(
                    Kind.NO_BINARY, archives.getFirst().getFileName() + " holds no " + store.platform().serverFileName()
                    + " (is it a llama.cpp server build for " + store.platform() + "?); nothing was installed"));
            for (Path extra : archives.subList(1, archives.size())) {
                progress.accept(new Progress(Stage.UNPACK, "unpacking " + extra.getFileName(), null));
                ArchiveUnpacker.unpack(extra, server.getParent()); // the CUDA DLLs go beside the server
            }
            ArchiveUnpacker.makeExecutable(server);
            if (cancelled.getAsBoolean()) {
                throw new InstallException(Kind.CANCELLED, "install cancelled; nothing was installed");
            }
            Optional<Path> model = smokeModel.get();
            progress.accept(new Progress(Stage.SMOKE, model.isPresent() ? "smoke test: --version, then a start on "
                    + model.get().getFileName() + " until /health answers" : "smoke test: --version", null));
            SmokeTest.Result smoked;
            try {
                smoked = smoke.run(server, model.orElse(null), cancelled);
            } catch (IOException e) {
                throw new InstallException(cancelled.getAsBoolean() ? Kind.CANCELLED : Kind.SMOKE_FAILED,
                        "the new runtime failed its smoke test, so it was not installed and the current one stays: "
                                + e.getMessage(), false, e);
            }
            Backend actual = backend != null ? backend : ServerFiles.backendOf(server.getParent(), store.platform());
            RuntimeManifest manifest = new RuntimeManifest(id, tag, actual, smoked.version().version(),
                    smoked.version().build(), staging.relativize(server).toString().replace('\\', '/'), source, sha256,
                    Instant.now().toString(), smoked.startMillis(), RuntimeStore.inventory(staging));
            store.commit(staging, manifest);
            progress.accept(new Progress(Stage.DONE, "installed " + id + " (" + manifest.version() + ", "
                    + actual.id() + ") and made it current", null));
            return new Committed(manifest, smoked.log());
        } catch (InstallException e) {
            throw e;
        } catch (IOException e) {
            throw new InstallException(Kind.DISK, "install failed: " + e.getMessage() + "; nothing was installed", false, e);
        } finally {
            try {
                RuntimeStore.deleteTree(staging);
            } catch (IOException ignored) {
                // A leftover staging folder is ignored by list() and replaced next time.
            }
        }
    }

    private static InstallException translate(DownloadException e) {
        Kind kind = switch (e.kind()) {
            case HASH_MISMATCH -> Kind.DIGEST_MISMATCH;
            case CANCELLED -> Kind.CANCELLED;
            case DISK_FULL -> Kind.DISK;
            default -> Kind.NETWORK;
        };
        return new InstallException(kind, e.getMessage(), e.partKept(), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Only disk space; the next install overwrites it.
        }
    }
}
