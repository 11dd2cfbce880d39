package dev.breakeven.app;

import dev.breakeven.core.chat.Cancellation;
import dev.breakeven.core.chat.ChatEngine;
import dev.breakeven.core.chat.ChatMessage;
import dev.breakeven.core.chat.ChatRequest;
import dev.breakeven.core.chat.GenerationMetrics;
import dev.breakeven.core.chat.GenerationResult;
import dev.breakeven.core.chat.SamplingSettings;
import dev.breakeven.core.chat.SupervisedEngine;
import dev.breakeven.core.engine.EngineKind;

import java.nio.file.Path;
import java.util.List;

/**
 * What the app does in one model session, in a JVM of its own: load a model through the app's services (an engine
 * process), stream an answer, close. Run by {@link AppJvmExitTest}, which checks that this JVM then ends by
 * itself. Arguments: the app's home folder, the GGUF file. Prints the engine's pid and "closing".
 */
public final class EngineCycleMain {
    private EngineCycleMain() {
    }

    public static void main(String[] args) throws Exception {
        AppServices services = AppServices.forTest(Path.of(args[0]));
        SupervisedEngine engine = services.engines().engine(EngineKind.RUNTIME, Path.of(args[1]), 512, 2, m -> { });
        try (ChatEngine ignored = engine) {
            engine.prepare(Cancellation.none());
            System.out.println("engine pid " + engine.process().orElseThrow().pid().orElseThrow());
            GenerationResult result = engine.generate(new ChatRequest("", List.of(ChatMessage.user("Hello")),
                    SamplingSettings.defaults().withMaxTokens(8)), new GenerationMetrics(), piece -> { },
                    Cancellation.none());
            System.out.println("answered " + result.metrics().genTokens() + " tokens");
        }
        System.out.println("closing");
        System.out.flush();
        services.close(); // what the window's close does; then main returns and nothing may keep the JVM alive
    }
}
