package dev.breakeven.core.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.breakeven.core.engine.EngineLaunch;
import dev.breakeven.core.engine.EngineProcess;
import dev.breakeven.core.engine.EngineStartException;
import dev.breakeven.core.engine.EngineSupervisor;
import dev.breakeven.core.io.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * llama.cpp's {@code llama-server}, the runtime the Chat page and {@code chat}/{@code bench} run, as the calibration
 * engine: started by the app's {@link EngineSupervisor} (pid file, log, stopped after), asked for one completion
 * of a fixed token prompt, and read through the {@code timings} object llama-server adds to every answer
 * ({@code prompt_per_second}, {@code predicted_per_second}): llama.cpp's own rates, not the HTTP round trip.
 * CPU runs pass {@code -ngl 0} (a GPU build would otherwise offload); GPU runs {@code -ngl 999}, every layer.
 */
public final class LlamaServerEngine implements DecodeEngine {
    /** Layers asked of a GPU build: more than any model has, so all of them and the output go to the GPU. */
    static final int ALL_LAYERS = 999;
    /** Context for the server: the prompt, the warm-up and the answer fit in each slot. */
    static final int CONTEXT = 512;
    /** First token id of the prompt: past the SentencePiece control and byte tokens every shape has. */
    private static final int FIRST_PROMPT_TOKEN = 300;

    private final EngineSupervisor supervisor;
    private final Function<EngineLaunch.ModelArgs, EngineLaunch> launcher;
    private final String name;
    private final Duration requestTimeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param launcher how to start the server for a model (tests pass an external server replaying a recording)
     */
    public LlamaServerEngine(EngineSupervisor supervisor, Function<EngineLaunch.ModelArgs, EngineLaunch> launcher,
                             String name, Duration requestTimeout) {
        this.supervisor = supervisor;
        this.launcher = launcher;
        this.name = name;
        this.requestTimeout = requestTimeout;
    }

    /** The binary on the CPU only: the calibration of this machine's RAM and cores. */
    public static LlamaServerEngine cpu(EngineSupervisor supervisor, Path llamaServer) {
        return new LlamaServerEngine(supervisor, model -> launch(supervisor, llamaServer, model, 0), "llama-server",
                Duration.ofMinutes(10));
    }

    /** The binary with every layer on the GPU: the calibration of that GPU. */
    public static LlamaServerEngine gpu(EngineSupervisor supervisor, Path llamaServer) {
        return new LlamaServerEngine(supervisor, model -> launch(supervisor, llamaServer, model, ALL_LAYERS),
                "llama-server (GPU)", Duration.ofMinutes(10));
    }

    /** The runtime launch of the model with {@code -ngl gpuLayers}. */
    static EngineLaunch launch(EngineSupervisor supervisor, Path llamaServer, EngineLaunch.ModelArgs model,
                               int gpuLayers) {
        EngineLaunch base = EngineLaunch.runtime(llamaServer, model,
                supervisor.logFileFor(dev.breakeven.core.engine.EngineKind.RUNTIME, model.gguf()));
        List<String> argv = new ArrayList<>(base.argv());
        argv.addAll(List.of("-ngl", Integer.toString(gpuLayers)));
        if (supervisor.nativeFaults().needsNoRepack(llamaServer)) {
            // this binary crashed at the first token on this CPU before (AMX repacking): start it as Chat does
            argv.add(dev.breakeven.core.engine.NativeFaults.NO_REPACK);
        }
        return new EngineLaunch(base.kind(), base.label(), argv, base.workingDir(), base.logFile(), null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Rates run(Path gguf, int promptTokens, int genTokens, int threads) throws IOException, InterruptedException {
        EngineLaunch launch = launcher.apply(new EngineLaunch.ModelArgs(gguf, CONTEXT, threads));
        EngineProcess engine;
        try {
            engine = supervisor.start(launch, progress -> { }, () -> Thread.currentThread().isInterrupted());
        } catch (EngineStartException e) {
            throw new IOException(name + " did not start: " + e.getMessage(), e);
        }
        try {
            URI base = engine.baseUrl();
            // The first answer pays for page faults and graph setup; llama-bench discards a warm-up run as well.
            complete(base, prompt(FIRST_PROMPT_TOKEN + promptTokens + 8, 8), 4);
            JsonNode answer = complete(base, prompt(FIRST_PROMPT_TOKEN, promptTokens), genTokens);
            return parse(answer, promptTokens);
        } finally {
            supervisor.stop(engine);
        }
    }

    /** {@code <s>} and {@code count} consecutive ordinary tokens from {@code first}: every shape tokenizes it alike. */
    private static List<Integer> prompt(int first, int count) {
        List<Integer> tokens = new ArrayList<>(List.of(1));
        for (int i = 0; i < count - 1; i++) {
            tokens.add(first + i);
        }
        return tokens;
    }

    private JsonNode complete(URI base, List<Integer> prompt, int genTokens) throws IOException, InterruptedException {
        ObjectNode body = Json.mapper().createObjectNode();
        var tokens = body.putArray("prompt");
        prompt.forEach(tokens::add);
        // all tokens generated (a zero-weight model may pick end-of-text), none reused from an earlier prompt
        body.put("n_predict", genTokens).put("ignore_eos", true).put("cache_prompt", false)
                .put("temperature", 0).put("seed", 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/completion")).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String text = response.body();
            throw new IOException(name + " answered HTTP " + response.statusCode() + ": "
                    + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
        return Json.mapper().readTree(response.body());
    }

    /**
     * The rates from a {@code /completion} answer's {@code timings}. Prefill is null when the server evaluated
     * fewer prompt tokens than sent (a prompt cache hit would make its rate meaningless).
     */
    static Rates parse(JsonNode answer, int promptTokens) throws IOException {
        JsonNode t = answer.path("timings");
        if (!t.has("predicted_per_second")) {
            throw new IOException("the server's answer has no timings object: is it llama.cpp's llama-server?");
        }
        double decode = t.path("predicted_per_second").asDouble(Double.NaN);
        if (!(decode > 0) || !Double.isFinite(decode)) {
            throw new IOException("the server reported no decode rate (predicted_per_second " + decode + ")");
        }
        double prefill = t.path("prompt_per_second").asDouble(Double.NaN);
        boolean whole = t.path("prompt_n").asInt() >= promptTokens;
        return new Rates(whole && prefill > 0 && Double.isFinite(prefill) ? prefill : null, decode);
    }
}
