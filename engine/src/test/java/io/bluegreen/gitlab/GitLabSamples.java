package io.bluegreen.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GitLab's documented payloads (test resources under /gitlab/) and a handler with a known token. */
public final class GitLabSamples {
    public static final String TOKEN = "s3cret-hook-token";

    private GitLabSamples() {
    }

    public static WebhookHandler handler(String rules) {
        return new WebhookHandler(TOKEN, BranchRules.parse(rules));
    }

    public static byte[] sample(String name) {
        try (InputStream in = GitLabSamples.class.getResourceAsStream("/gitlab/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /gitlab/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
