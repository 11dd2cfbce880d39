package dev.breakeven.core.chat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * llama.cpp inside the app through java-llama.cpp (bundled llama.cpp b4916, CPU natives; Metal on Apple
 * Silicon). One answer at a time. The model's own chat template is applied by llama.cpp (a ChatML fallback when
 * the GGUF has none).
 */
public final class EmbeddedLlamaEngine implements ChatEngine {
    /** The library's own switch for loading a native library from a folder instead of the bundled one. */
    public static final String NATIVE_PATH_PROPERTY = "de.kherud.llama.lib.path";
    private static final long LOG_SETTLE_MILLIS = 400;

    private final EmbeddedSettings settings;
    private final Consumer<String> engineLog;
    private volatile LlamaModel model;

    public EmbeddedLlamaEngine(EmbeddedSettings settings) {
        this(settings, log -> { });
    }

    /** {@code engineLog} receives llama.cpp's own log text after each load and answer (e.g. for --verbose). */
    public EmbeddedLlamaEngine(EmbeddedSettings settings, Consumer<String> engineLog) {
        this.settings = settings;
        this.engineLog = engineLog;
    }

    @Override
    public String label() {
        return "embedded llama.cpp";
    }

    @Override
    public String modelName() {
        return settings.modelFile().getFileName().toString();
    }

    public EmbeddedSettings settings() {
        return settings;
    }

    @Override
    public synchronized void prepare(Cancellation cancel) throws ChatEngineException {
        if (model != null) {
            return;
        }
        if (!Files.isRegularFile(settings.modelFile())) {
            throw new ChatEngineException("No model file at " + settings.modelFile());
        }
        if (settings.nativeLibraryDir() != null) {
            // Must be set before the library class first loads its native code.
            System.setProperty(NATIVE_PATH_PROPERTY, settings.nativeLibraryDir().toString());
        }
        ModelParameters parameters = new ModelParameters()
                .setModel(settings.modelFile().toString())
                .setCtxSize(settings.contextSize());
        if (settings.threads() > 0) {
            parameters.setThreads(settings.threads()).setThreadsBatch(settings.threads());
        }
        if (settings.gpuLayers() >= 0) {
            parameters.setGpuLayers(settings.gpuLayers());
        }
        try {
            var loaded = NativeStderrCapture.run(() -> new LlamaModel(parameters), 0, log -> true);
            engineLog.accept(loaded.log());
            if (cancel.isCancelled()) {
                loaded.value().close(); // the load itself cannot be interrupted; drop the result
                throw new ChatEngineException("Loading was cancelled.");
            }
            model = loaded.value();
        } catch (ChatEngineException e) {
            throw e;
        } catch (NativeStderrCapture.CapturedFailure e) {
            engineLog.accept(e.log());
            throw new ChatEngineException(loadFailure(e.getCause(), e.log()), e.getCause());
        } catch (Exception | LinkageError e) {
            throw new ChatEngineException(loadFailure(e, ""), e);
        }
    }

    private String loadFailure(Throwable cause, String log) {
        if (cause instanceof UnsatisfiedLinkError) {
            return "The llama.cpp native library could not be loaded: " + cause.getMessage()
                    + (settings.nativeLibraryDir() != null ? " (custom library folder " + settings.nativeLibraryDir() + ")" : "");
        }
        String reason = lastErrorLine(log);
        return "llama.cpp could not load " + modelName() + (reason.isEmpty() ? "" : ": " + reason);
    }

    private static String lastErrorLine(String log) {
        String found = "";
        for (String line : log.split("\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("error") || lower.contains("failed") || lower.contains("unknown")) {
                found = line.strip();
            }
        }
        return found;
    }

    @Override
    public int contextSize() {
        return settings.contextSize();
    }

    @Override
    public int countTokens(String text) {
        return requireModel().encode(text).length;
    }

    @Override
    public int countPromptTokens(ChatRequest request) {
        return requireModel().encode(applyTemplate(request)).length;
    }

    /** The prompt text llama.cpp builds from the request with the model's chat template. */
    public String applyTemplate(ChatRequest request) {
        return requireModel().applyTemplate(templateParameters(request));
    }

    private static InferenceParameters templateParameters(ChatRequest request) {
        List<Pair<String, String>> messages = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            messages.add(new Pair<>(message.role().wireName(), message.content()));
        }
        return new InferenceParameters("").setUseChatTemplate(true)
                .setMessages(request.systemPrompt().isBlank() ? null : request.systemPrompt(), messages);
    }

    @Override
    public GenerationResult generate(ChatRequest request, GenerationMetrics metrics, TokenSink sink,
                                     Cancellation cancel) throws ChatEngineException {
        LlamaModel loaded = requireModel();
        synchronized (this) {
            String prompt = loaded.applyTemplate(templateParameters(request));
            InferenceParameters parameters = inference(prompt, request);
            int promptTokens = loaded.encode(prompt).length;
            StringBuilder answer = new StringBuilder();
            try {
                var run = NativeStderrCapture.run(() -> stream(loaded, parameters, promptTokens, metrics, sink,
                        cancel, answer), LOG_SETTLE_MILLIS, LlamaTimingsLog::hasReport);
                engineLog.accept(run.log());
                LlamaTimingsLog.parseLast(run.log()).ifPresent(metrics::engineReported);
            } catch (NativeStderrCapture.CapturedFailure e) {
                engineLog.accept(e.log());
                metrics.finished();
                throw new ChatEngineException("llama.cpp failed while answering: " + e.getMessage(), e.getCause());
            } catch (Exception e) {
                metrics.finished();
                throw new ChatEngineException("llama.cpp failed while answering: " + e.getMessage(), e);
            }
            metrics.finished();
            MetricsSnapshot snapshot = metrics.snapshot();
            StopReason reason = cancel.isCancelled() ? StopReason.CANCELLED
                    : snapshot.genTokens() >= request.sampling().maxTokens() ? StopReason.LENGTH : StopReason.FINISHED;
            return new GenerationResult(answer.toString(), reason, snapshot);
        }
    }

    private static Void stream(LlamaModel loaded, InferenceParameters parameters, int promptTokens,
                               GenerationMetrics metrics, TokenSink sink, Cancellation cancel, StringBuilder answer) {
        metrics.started(promptTokens);
        LlamaIterator tokens = (LlamaIterator) loaded.generate(parameters).iterator();
        // An output with empty text is either a token still waiting for the rest of its UTF-8 bytes or the
        // final stop marker; count it once we know it was not the marker.
        long pendingEmptyAt = -1;
        while (tokens.hasNext()) {
            if (cancel.isCancelled()) {
                tokens.cancel(); // on this thread: the native side stops the task and releases the slot
                break;
            }
            LlamaOutput output = tokens.next();
            long now = metrics.now();
            if (pendingEmptyAt >= 0) {
                metrics.tokenAt(pendingEmptyAt);
                pendingEmptyAt = -1;
            }
            if (output.text.isEmpty()) {
                pendingEmptyAt = now;
                continue;
            }
            metrics.tokenAt(now);
            answer.append(output.text);
            sink.accept(output.text);
        }
        return null;
    }

    private static InferenceParameters inference(String prompt, ChatRequest request) {
        SamplingSettings s = request.sampling();
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setNPredict(s.maxTokens())
                .setTemperature((float) s.temperature())
                .setTopP((float) s.topP())
                .setTopK(s.topK())
                .setMinP((float) s.minP())
                .setRepeatPenalty((float) s.repeatPenalty())
                .setCachePrompt(true);
        if (s.seed() >= 0) {
            parameters.setSeed((int) s.seed());
        }
        if (request.ignoreEos()) {
            parameters.setIgnoreEos(true);
        }
        return parameters;
    }

    private LlamaModel requireModel() {
        LlamaModel loaded = model;
        if (loaded == null) {
            throw new IllegalStateException("the model is not loaded yet; call prepare first");
        }
        return loaded;
    }

    public boolean isLoaded() {
        return model != null;
    }

    @Override
    public synchronized void close() {
        LlamaModel loaded = model;
        model = null;
        if (loaded != null) {
            loaded.close();
        }
    }
}
