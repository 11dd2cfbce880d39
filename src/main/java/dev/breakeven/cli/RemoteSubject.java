package dev.breakeven.cli;

import dev.breakeven.core.hub.HubClient;
import dev.breakeven.core.hub.HubModelFile;
import dev.breakeven.core.hub.RemoteGguf;
import dev.breakeven.core.library.HubEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** {@code fit --url URL} or {@code fit --hf OWNER/REPO[:FILE]}: a remote GGUF read from its header only. */
record RemoteSubject(PlanSubject subject, RemoteGguf.Result result, URI url) {

    /** Null when neither option is given. */
    static RemoteSubject resolve(CommandLine cli, String url, String hf, HubEndpoint hub) {
        if (url == null && hf == null) {
            return null;
        }
        if (url != null && hf != null) {
            throw new ParameterException(cli, "give either --url or --hf, not both");
        }
        URI address = url != null ? parseUrl(cli, url) : hubFile(cli, hf, hub);
        try {
            RemoteGguf.Result result = RemoteGguf.standard(hub).read(address);
            return new RemoteSubject(new PlanSubject(result.model().label(), result.model().shape(),
                    result.model().weights()), result, address);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static URI parseUrl(CommandLine cli, String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException("not an http(s) address");
            }
            return uri;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ParameterException(cli, "--url needs an http(s) address of a .gguf file, got: " + url);
        }
    }

    /** OWNER/REPO:FILE as is; OWNER/REPO alone picks its only model, or its Q4_K_M. */
    static URI hubFile(CommandLine cli, String hf, HubEndpoint hub) {
        int colon = hf.indexOf(':');
        String repo = colon < 0 ? hf.strip() : hf.substring(0, colon).strip();
        String file = colon < 0 ? null : hf.substring(colon + 1).strip();
        HubClient client = HubClient.standard(hub);
        try {
            if (file == null || file.isEmpty()) {
                List<HubModelFile> files = client.ggufFiles(repo).stream().filter(f -> !f.projector()).toList();
                if (files.isEmpty()) {
                    throw new IllegalStateException(repo + " has no GGUF files");
                }
                HubModelFile chosen = files.size() == 1 ? files.getFirst()
                        : files.stream().filter(f -> f.quant().equals("Q4_K_M")).findFirst().orElseThrow(() ->
                        new ParameterException(cli, repo + " has " + files.size() + " GGUF models; pick one with --hf "
                                + repo + ":FILE, e.g. " + files.stream().limit(4).map(HubModelFile::name)
                                .collect(Collectors.joining(", "))));
                file = chosen.name();
            }
            return client.fileUrl(repo, file);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
