package dev.breakeven.host;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model inside the host process: java-llama.cpp's server context with {@code parallel} slots. Everything
 * native the host does goes through here.
 */
final class LlamaHost implements AutoCloseable {
    private static final Field TASK_ID = taskIdField();
    private final LlamaModel model;

    private LlamaHost(LlamaModel model) {
        this.model = model;
    }

    /** Loads the model (blocking, seconds to minutes); llama.cpp's log also goes to {@code logFile} if given. */
    static LlamaHost load(HostSettings settings, Optional<Path> logFile) {
        ModelParameters parameters = new ModelParameters()
                .setModel(settings.model().toString())
                .setCtxSize(settings.contextSize())
                .setParallel(settings.parallel());
        if (settings.threads() > 0) {
            parameters.setThreads(settings.threads()).setThreadsBatch(settings.threads());
        }
        logFile.ifPresent(file -> parameters.setLogFile(file.toString()));
        return new LlamaHost(new LlamaModel(parameters));
    }

    /** The prompt text the model's chat template makes of these messages (ChatML when the GGUF has none). */
    String applyTemplate(String systemPrompt, List<Message> messages) {
        List<Pair<String, String>> pairs = new ArrayList<>();
        for (Message message : messages) {
            pairs.add(new Pair<>(message.role(), message.content()));
        }
        return model.applyTemplate(new InferenceParameters("").setUseChatTemplate(true)
                .setMessages(systemPrompt.isEmpty() ? null : systemPrompt, pairs));
    }

    int countTokens(String text) {
        return model.encode(text).length;
    }

    /** The model's token ids for {@code text}, without the tokens llama.cpp adds to a whole prompt (as llama-server's /tokenize). */
    int[] encode(String text) {
        return model.encode(text);
    }

    /** Generates one token from {@code prompt} and returns the task id (for its timing report). */
    int warmUp(String prompt) {
        Generation generation = generate(new InferenceParameters(prompt).setNPredict(1).setCachePrompt(false));
        while (generation.hasNext()) {
            generation.next();
        }
        return generation.task();
    }

    /** Starts generating; the caller drains or cancels the returned stream. */
    Generation generate(InferenceParameters parameters) {
        LlamaIterator iterator = (LlamaIterator) model.generate(parameters).iterator();
        return new Generation(iterator, taskId(iterator));
    }

    /** One user or assistant turn, as the template takes it. */
    record Message(String role, String content) {
    }

    /** A running completion: its llama.cpp task id (to find its timing report) and its tokens. */
    static final class Generation {
        private final LlamaIterator tokens;
        private final int task;

        Generation(LlamaIterator tokens, int task) {
            this.tokens = tokens;
            this.task = task;
        }

        int task() {
            return task;
        }

        boolean hasNext() {
            return tokens.hasNext();
        }

        /** The next piece of text; empty for a token still waiting for the rest of its UTF-8 bytes. */
        String next() {
            LlamaOutput output = tokens.next();
            return output.text;
        }

        /** Stops the task on the native side and frees its slot. */
        void cancel() {
            tokens.cancel();
        }
    }

    /**
     * java-llama.cpp keeps the task id private; the host needs it to tell parallel tasks' timing reports apart.
     * Without it (a future library version) every report is matched to no request and answers lack timings.
     */
    private static Field taskIdField() {
        try {
            Field field = LlamaIterator.class.getDeclaredField("taskId");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static int taskId(LlamaIterator iterator) {
        try {
            return TASK_ID == null ? -1 : TASK_ID.getInt(iterator);
        } catch (IllegalAccessException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
