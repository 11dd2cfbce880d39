package dev.breakeven.cli;

import dev.breakeven.app.AppServices;
import dev.breakeven.core.chat.AvailableMemory;
import dev.breakeven.core.chat.ChatEngineException;
import dev.breakeven.core.chat.ModelPreflight;
import dev.breakeven.host.HostServer;
import dev.breakeven.host.HostSettings;
import dev.breakeven.host.NativeLibraryHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code breakeven serve --gguf PATH}: the built-in engine host. Runs the model in this process and answers
 * the OpenAI chat API on loopback; the app (and any other tool) is its client. Prints
 * {@code listening on http://HOST:PORT} once the model is loaded, then serves until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a GGUF model over the OpenAI-compatible chat API (the built-in engine host).",
                "Endpoints: GET /health, GET /v1/models, POST /v1/chat/completions (streaming or not).",
                "Prints 'listening on http://HOST:PORT' once ready; stop it with Ctrl+C."})
public final class ServeCommand implements Callable<Integer> {
    private final AppServices services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gguf", required = true, paramLabel = "PATH", description = "the model file")
    Path gguf;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "port (default: 0, any free port; the real one is printed)")
    int port;

    @Option(names = "--ctx", defaultValue = "" + HostSettings.DEFAULT_CONTEXT,
            description = "context in tokens, shared by the parallel slots (default: ${DEFAULT-VALUE})")
    int ctx;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads, 1 to this machine's processors (default: llama.cpp's choice)")
    Integer threads;

    @Option(names = "--token", paramLabel = "T", description = "require 'Authorization: Bearer T' on every request")
    String token;

    @Option(names = "--parallel", defaultValue = "1",
            description = "answers generated at once; more requests wait their turn (default: ${DEFAULT-VALUE})")
    int parallel;

    ServeCommand(AppServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws Exception {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be from 1 to "
                    + Runtime.getRuntime().availableProcessors() + ", not " + threads);
        }
        HostSettings settings = new HostSettings(gguf, host, port, ctx, threads == null ? 0 : threads,
                token, parallel);
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("no such file: " + gguf);
        }
        if (!settings.needsToken() && !java.net.InetAddress.getByName(settings.host()).isLoopbackAddress()) {
            spec.commandLine().getErr().println("warning: listening on " + settings.host() + " without --token: "
                    + "anyone who can reach this port can use the model.");
        }
        long started = System.nanoTime();
        try {
            // Before anything native: a file llama.cpp would abort on is refused here with a reason.
            // The plain memory check, not the planner's: the app plans before it starts a host, and the planner's
            // catalogs cost seconds of start-up here.
            new ModelPreflight(AvailableMemory.bytes()).check(gguf, settings.contextSize());
        } catch (ChatEngineException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        long checked = System.nanoTime();
        NativeLibraryHome.prepare(services.dirs().data());
        HostServer server;
        try {
            server = HostServer.bind(settings);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage() + " (is another server using that port? --port 0 picks a free one)", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-stop"));
        try {
            server.load();
        } catch (RuntimeException | LinkageError e) {
            server.close();
            throw new IllegalStateException("llama.cpp could not load " + gguf.getFileName() + ": " + e.getMessage()
                    + " (llama.cpp's own log above says why)", e);
        }
        // For the host's log (stderr): where start-up time goes.
        spec.commandLine().getErr().printf(java.util.Locale.ROOT, "serve: preflight %d ms, model load and warm-up %d ms%n",
                (checked - started) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().println("listening on " + server.url());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
