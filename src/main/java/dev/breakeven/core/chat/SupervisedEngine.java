package dev.breakeven.core.chat;

import dev.breakeven.core.engine.EngineKind;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineProcess;
import dev.breakeven.core.engine.EngineStartException;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.engine.NativeFaults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A local model served by a child process the app supervises (the built-in host or a llama-server), reached
 * through the same OpenAI-compatible client as any external server. The process is started on
 * {@link #prepare}, and again on the next turn after it died; a death before the first token of a fresh start is
 * retried once. A death mid-answer keeps the text so far as an {@link StopReason#ENGINE_DIED} answer whose note
 * quotes the engine's own last error line.
 * <p>For a llama-server that retry adds {@code --no-repack}: on some Xeon CPUs llama.cpp's AMX kernels crash at
 * the first token (ggml-org/llama.cpp#20824). When the retry then gives its first token, the fact is remembered
 * ({@link NativeFaults}) for that binary and CPU, and later starts pass {@code --no-repack} from the outset.
 */
public final class SupervisedEngine implements ChatEngine {
    /** How long to wait for an exit after a stream broke, to tell a dead engine from a network hiccup. */
    private static final Duration DEATH_GRACE = Duration.ofSeconds(1);
    private final EngineSupervisor supervisor;
    /** Why the retried start runs with --no-repack; remembered once that start gives its first token. */
    private static final String AMX_FAULT = "llama.cpp's AMX kernels crash at the first token on some Xeon CPUs,"
            + " ggml-org/llama.cpp#20824";
    private volatile EngineLaunch launch;
    private volatile String pendingNoRepack;
    private volatile String noRepackNote;
    private final String displayModel;
    private final Consumer<String> progress;
    private volatile EngineProcess process;
    private volatile ExternalOpenAiEngine client;
    private volatile boolean fresh;

    public SupervisedEngine(EngineSupervisor supervisor, EngineLaunch launch, String displayModel,
                            Consumer<String> progress) {
        if (launch.kind() == EngineKind.EXTERNAL) {
            throw new IllegalArgumentException("an external server needs no supervision; use ExternalOpenAiEngine");
        }
        this.supervisor = supervisor;
        this.launch = launch.kind() == EngineKind.RUNTIME && launch.program()
                .map(program -> supervisor.nativeFaults().needsNoRepack(program)).orElse(false)
                ? launch.withArgument(NativeFaults.NO_REPACK) : launch;
        this.displayModel = displayModel;
        this.progress = progress == null ? message -> { } : progress;
    }

    @Override
    public String label() {
        return launch.label();
    }

    @Override
    public String modelName() {
        return displayModel;
    }

    public EngineKind kind() {
        return launch.kind();
    }

    /** The fit plan's llama-server flags this engine runs with ({@code -np 1 -ngl 999 -fa on …}); empty for others. */
    public java.util.List<String> engineArgs() {
        return launch.flags().args();
    }

    /** Why those flags (the plan's target, verdict and reasons). */
    public String engineArgsReason() {
        return launch.flags().why();
    }

    /** The running process (for its log and pid), if one runs now. */
    public Optional<EngineProcess> process() {
        return Optional.ofNullable(process);
    }

    @Override
    public void prepare(Cancellation cancel) throws ChatEngineException {
        ensureRunning(cancel);
    }

    private synchronized ExternalOpenAiEngine ensureRunning(Cancellation cancel) throws ChatEngineException {
        if (process != null && process.isAlive() && client != null) {
            return client;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        try {
            process = supervisor.start(launch, progress, cancel::isCancelled);
        } catch (EngineStartException e) {
            throw new ChatEngineException(e.getMessage());
        }
        ExternalOpenAiEngine started = new ExternalOpenAiEngine(ExternalSettings.of(process.baseUrl().toString())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(10)));
        try {
            started.prepare(cancel);
        } catch (ChatEngineException e) {
            started.close();
            supervisor.stop(process);
            throw e;
        }
        client = started;
        fresh = true;
        if (pendingNoRepack == null && launch.argv().contains(NativeFaults.NO_REPACK)
                && launch.kind() == EngineKind.RUNTIME) {
            process.note("passing " + NativeFaults.NO_REPACK + ": this llama-server crashed at the first token on"
                    + " this CPU before (" + AMX_FAULT + "); remembered in " + supervisor.nativeFaults().file());
        }
        return started;
    }

    @Override
    public int contextSize() {
        ExternalOpenAiEngine current = client;
        return current == null ? 0 : current.contextSize();
    }

    @Override
    public int countTokens(String text) {
        ExternalOpenAiEngine current = client;
        return current == null ? (text.length() + 3) / 4 : current.countTokens(text);
    }

    @Override
    public int countPromptTokens(ChatRequest request) {
        ExternalOpenAiEngine current = client;
        return current == null ? ContextWindow.TEMPLATE_TOKENS_PER_MESSAGE * request.messages().size()
                + request.messages().stream().mapToInt(m -> (m.content().length() + 3) / 4).sum()
                : current.countPromptTokens(request);
    }

    /** Whether token counts come from the model's own tokenizer. */
    public boolean exactTokenCounts() {
        ExternalOpenAiEngine current = client;
        return current != null && current.exactTokenCounts();
    }

    @Override
    public GenerationResult generate(ChatRequest request, GenerationMetrics metrics, TokenSink sink,
                                     Cancellation cancel) throws ChatEngineException {
        noRepackNote = null; // a note belongs to the answer whose retry it tells of
        for (int attempt = 0; ; attempt++) {
            ExternalOpenAiEngine current = ensureRunning(cancel);
            EngineProcess running = process;
            boolean wasFresh = fresh;
            StringBuilder seen = new StringBuilder();
            GenerationResult result = null;
            ChatEngineException failure = null;
            try {
                result = current.generate(request, metrics, piece -> {
                    if (fresh && pendingNoRepack != null) {
                        rememberNoRepack(running);
                    }
                    fresh = false;
                    seen.append(piece);
                    sink.accept(piece);
                }, cancel);
            } catch (ChatEngineException e) {
                failure = e;
            }
            if (cancel.isCancelled()) {
                return result != null ? result
                        : new GenerationResult(seen.toString(), StopReason.CANCELLED, metrics.snapshot());
            }
            boolean broken = failure != null || result.stopReason() == StopReason.CUT;
            if (!broken || !died(running)) {
                if (failure != null) {
                    throw failure;
                }
                String note = noRepackNote;
                noRepackNote = null;
                return note != null && result.note().isEmpty()
                        ? new GenerationResult(result.text(), result.stopReason(), result.metrics(), note) : result;
            }
            String reason = running.deathReason();
            if (seen.isEmpty() && wasFresh && attempt == 0 && launch.kind() == EngineKind.RUNTIME
                    && !launch.argv().contains(NativeFaults.NO_REPACK) && nativeCrash(running)) {
                launch = launch.withArgument(NativeFaults.NO_REPACK);
                pendingNoRepack = reason;
                String message = "the engine died before its first token (" + reason + "); starting it once more"
                        + " with " + NativeFaults.NO_REPACK + " (" + AMX_FAULT + ")";
                running.note(message);
                progress.accept("Restarting llama-server with " + NativeFaults.NO_REPACK + "…");
                continue;
            }
            if (seen.isEmpty() && wasFresh && attempt == 0) {
                running.note("the engine died before its first token (" + reason + "); starting it once more");
                continue;
            }
            running.note("the engine died mid-answer: " + reason);
            if (seen.isEmpty()) {
                throw new ChatEngineException("The engine stopped: " + reason);
            }
            return new GenerationResult(seen.toString(), StopReason.ENGINE_DIED, metrics.snapshot(),
                    "the engine stopped: " + reason);
        }
    }

    /** The retry with --no-repack gave its first token: later starts of this binary on this CPU pass it at once. */
    private void rememberNoRepack(EngineProcess retried) {
        String reason = pendingNoRepack;
        pendingNoRepack = null;
        Path program = launch.program().orElseThrow();
        String where;
        try {
            supervisor.nativeFaults().rememberNoRepack(program, reason);
            where = "later starts of this llama-server on this CPU pass it from the start";
        } catch (IOException e) {
            where = "could not remember it (" + e.getMessage() + "), so the next start may crash once more";
        }
        String note = "restarted with " + NativeFaults.NO_REPACK + ": llama-server crashed before its first token ("
                + reason + "), as " + AMX_FAULT + "; " + where;
        retried.note(note);
        progress.accept(note);
        noRepackNote = note;
    }

    /**
     * Whether the process ended by a native fault (abort, segfault, illegal instruction, bus or arithmetic error;
     * on Windows abort()'s 3 or an NTSTATUS exception code) rather than by a kill, which says nothing of repacking.
     */
    private static boolean nativeCrash(EngineProcess running) {
        int code = running.exitCode().orElse(0);
        return code == 132 || code == 134 || code == 135 || code == 136 || code == 139
                || (System.getProperty("os.name", "").startsWith("Windows") && (code == 3 || code < 0));
    }

    private static boolean died(EngineProcess running) {
        try {
            return running.awaitExit(DEATH_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }

    /** Stops the engine's process (the model switch and app exit path). */
    @Override
    public void close() {
        ExternalOpenAiEngine current = client;
        client = null;
        if (current != null) {
            current.close();
        }
        supervisor.stop(process);
    }
}
