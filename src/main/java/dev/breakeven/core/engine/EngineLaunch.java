package dev.breakeven.core.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to start one engine: the command line of its server process, where it runs and where its log goes; or,
 * for {@link EngineKind#EXTERNAL}, only the URL of a server that is already running. Every local launch passes
 * {@code --port 0} so the server picks a free loopback port and announces it ("listening on http://HOST:PORT").
 */
public record EngineLaunch(EngineKind kind, String label, List<String> argv, Path workingDir, Path logFile,
                           URI externalUrl, Flags flags) {
    /** The class whose main dispatches {@code serve} to the built-in host (any argument runs the CLI). */
    public static final String APP_MAIN_CLASS = "dev.breakeven.launch.Main";
    /** java-llama.cpp's folder of a self-built native library, passed on to the built-in host. */
    public static final String NATIVE_LIBRARY_PROPERTY = "de.kherud.llama.lib.path";

    /**
     * The flags a plan added to a llama-server's command line ({@code -ngl 999 -fa on …}) and why, shown in the
     * engine log, on the Chat page and in {@code bench --json}; {@link #NONE} for a launch without a plan.
     * {@code logArgs} are what the app adds for its own reading (llama.cpp's allocation report at {@code -lv 4}).
     */
    public record Flags(List<String> args, String why, List<String> logArgs) {
        public static final Flags NONE = new Flags(List.of(), "", List.of());

        public Flags {
            args = args == null ? List.of() : List.copyOf(args);
            why = why == null ? "" : why;
            logArgs = logArgs == null ? List.of() : List.copyOf(logArgs);
        }
    }

    public EngineLaunch(EngineKind kind, String label, List<String> argv, Path workingDir, Path logFile,
                        URI externalUrl) {
        this(kind, label, argv, workingDir, logFile, externalUrl, Flags.NONE);
    }

    public EngineLaunch {
        Objects.requireNonNull(kind, "kind");
        flags = flags == null ? Flags.NONE : flags;
        argv = argv == null ? List.of() : List.copyOf(argv);
        label = label == null ? kind.wireName() : label;
        if (kind == EngineKind.EXTERNAL && externalUrl == null) {
            throw new IllegalArgumentException("an external engine needs a URL");
        }
        if (kind != EngineKind.EXTERNAL && argv.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.wireName() + " engine needs a command line");
        }
    }

    /** What the model server is asked to load and how. {@code threads} 0 = the server's own choice. */
    public record ModelArgs(Path gguf, int contextSize, int threads) {
        public ModelArgs {
            Objects.requireNonNull(gguf, "gguf");
            if (contextSize < 64) {
                throw new IllegalArgumentException("context size must be at least 64 tokens, not " + contextSize);
            }
            int machine = Runtime.getRuntime().availableProcessors();
            if (threads < 0 || threads > machine) {
                // llama.cpp segfaults or aborts on absurd counts; the machine's threads are the useful maximum
                throw new IllegalArgumentException("threads must be between 0 (automatic) and " + machine
                        + " (this machine's threads), not " + threads);
            }
        }
    }

    /**
     * The built-in host: this very JVM's {@code java} with the app's class path, running {@code serve}.
     * {@code javaCommand} and {@code classPath} come from {@link #currentJava()} and the
     * {@code java.class.path} property in the app.
     */
    public static EngineLaunch builtin(String javaCommand, String classPath, ModelArgs model, Path logFile) {
        List<String> argv = new ArrayList<>(List.of(javaCommand, "-XX:+UseSerialGC", "-Xss4m",
                "--enable-native-access=ALL-UNNAMED"));
        String nativeFolder = System.getProperty(NATIVE_LIBRARY_PROPERTY);
        if (nativeFolder != null && !nativeFolder.isBlank()) {
            argv.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + nativeFolder); // a GPU build (docs/gpu-build.md)
        }
        String home = System.getProperty("breakeven.home");
        if (home != null && !home.isBlank()) { // the host keeps its native library under the same app folders
            argv.add("-Dbreakeven.home=" + Path.of(home).toAbsolutePath());
        }
        // The host runs in the model's folder: relative entries ("java -jar target/breakeven.jar") would not resolve.
        argv.addAll(List.of("-cp", absoluteClassPath(classPath), APP_MAIN_CLASS,
                "serve", "--gguf", model.gguf().toAbsolutePath().toString(), "--host", "127.0.0.1", "--port", "0",
                "--ctx", Integer.toString(model.contextSize())));
        if (model.threads() > 0) {
            argv.addAll(List.of("--threads", Integer.toString(model.threads())));
        }
        return new EngineLaunch(EngineKind.BUILTIN, "built-in host", argv, model.gguf().toAbsolutePath().getParent(),
                logFile, null);
    }

    static String absoluteClassPath(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> entry.endsWith("*")
                        ? Path.of(entry.substring(0, entry.length() - 1)).toAbsolutePath() + java.io.File.separator + "*"
                        : Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The built-in host started with the current JVM and its class path. */
    public static EngineLaunch builtin(ModelArgs model, Path logFile) {
        return builtin(currentJava(), System.getProperty("java.class.path"), model, logFile);
    }

    /** A llama.cpp {@code llama-server} binary serving one model on a free loopback port. */
    public static EngineLaunch runtime(Path llamaServer, ModelArgs model, Path logFile) {
        return runtime(llamaServer, model, Flags.NONE, logFile);
    }

    /**
     * A llama-server started with a plan's flags after the model arguments (see core.fit's LlamaServerFlags; the
     * caller fits them to what this build knows with {@link LlamaServerOptions}).
     */
    public static EngineLaunch runtime(Path llamaServer, ModelArgs model, Flags flags, Path logFile) {
        List<String> argv = new ArrayList<>(List.of(llamaServer.toAbsolutePath().toString(), "-m",
                model.gguf().toAbsolutePath().toString(),
                "-c", Integer.toString(model.contextSize()), "--host", "127.0.0.1", "--port", "0", "--jinja"));
        if (model.threads() > 0) {
            argv.addAll(List.of("-t", Integer.toString(model.threads())));
        }
        argv.addAll(flags.args());
        argv.addAll(flags.logArgs());
        return new EngineLaunch(EngineKind.RUNTIME, "llama-server", argv, model.gguf().toAbsolutePath().getParent(),
                logFile, null, flags);
    }

    /** This launch with {@code argument} appended to its command line (once: an argument already there stays single). */
    public EngineLaunch withArgument(String argument) {
        if (argv.contains(argument)) {
            return this;
        }
        List<String> more = new ArrayList<>(argv);
        more.add(argument);
        return new EngineLaunch(kind, label, more, workingDir, logFile, externalUrl, flags);
    }

    /** The program this launch starts; empty for an external server. */
    public java.util.Optional<Path> program() {
        return argv.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(argv.getFirst()));
    }

    /** A server the user already runs; nothing is started or stopped. */
    public static EngineLaunch external(URI url) {
        return new EngineLaunch(EngineKind.EXTERNAL, "external " + EngineUrls.redact(url), List.of(), null, null, url);
    }

    /** Any other command line that should behave like a model server (tests, a user's own wrapper). */
    public static EngineLaunch command(EngineKind kind, String label, List<String> argv, Path logFile) {
        return new EngineLaunch(kind, label, argv, null, logFile, null);
    }

    /** The {@code java} launcher of this JVM; {@code java.home}'s when the OS does not say. */
    public static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
