package io.bluegreen.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bluegreen.validation.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns one GitLab webhook call (headers and body) into a {@link WebhookResponse}, without any HTTP
 * server of its own, so the CLI's server and a Jenkins endpoint answer alike.
 *
 * <p>Checks run cheapest first and stop at the first failure: the secret token (401), the event
 * header, the body size (413, decided while reading), the JSON (400), then deletion and the branch
 * rules (200, nothing deployed). Only a mapped push gets 202 and a decision. GitLab counts every
 * non-2xx answer as a failure and disables a hook that keeps failing, so whatever is understood but
 * not deployed (other events, deletions, unmapped branches) is a 2xx. No input leads to a 5xx.
 */
public final class WebhookHandler {
    public static final String TOKEN_HEADER = "X-Gitlab-Token";
    public static final String EVENT_HEADER = "X-Gitlab-Event";
    public static final String PUSH_HOOK = "Push Hook";
    public static final String TAG_PUSH_HOOK = "Tag Push Hook";
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final byte[] tokenDigest;
    private final BranchRules rules;
    private final long maxBodyBytes;

    public WebhookHandler(String secretToken, BranchRules rules) {
        this(digestOfToken(secretToken), rules, DEFAULT_MAX_BODY_BYTES);
    }

    private WebhookHandler(byte[] tokenDigest, BranchRules rules, long maxBodyBytes) {
        this.tokenDigest = tokenDigest;
        this.rules = rules;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Bodies above this many bytes get 413; GitLab's push payloads stay well below 1 MiB (20 commits at most). */
    public WebhookHandler withMaxBodyBytes(long maxBodyBytes) {
        InvalidInputException.require(maxBodyBytes > 0 && maxBodyBytes < Integer.MAX_VALUE, "max body bytes",
                maxBodyBytes + " is out of range", "use a size such as 1048576 (1 MiB)");
        return new WebhookHandler(tokenDigest, rules, maxBodyBytes);
    }

    public BranchRules rules() {
        return rules;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param header looks a request header up by name, ignoring case as HTTP does; null when absent
     * @param body   the request body; read at most up to the size limit, never closed here
     */
    public WebhookResponse handle(Function<String, String> header, InputStream body) {
        try {
            return decide(header, body);
        } catch (IOException e) {
            return WebhookResponse.refused(WebhookResponse.MALFORMED, "could not read the body: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // A bug here must still not turn into a 5xx: GitLab would back off and stop delivering.
            return WebhookResponse.refused(WebhookResponse.MALFORMED, "could not process the payload: "
                    + e.getClass().getSimpleName());
        }
    }

    public WebhookResponse handle(Function<String, String> header, byte[] body) {
        return handle(header, new ByteArrayInputStream(body));
    }

    /** For callers holding headers in a map: the lookup ignores case, as HTTP does. */
    public WebhookResponse handle(Map<String, String> headers, byte[] body) {
        Map<String, String> anyCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        anyCase.putAll(headers);
        return handle(anyCase::get, body);
    }

    /**
     * The answer when the headers alone decide it (token, event, declared length), or empty when the
     * body is needed. A server asks this first, so that it reads no body from a caller without the token.
     */
    public Optional<WebhookResponse> answerWithoutBody(Function<String, String> header) {
        String token = header.apply(TOKEN_HEADER);
        if (token == null || !MessageDigest.isEqual(digest(token), tokenDigest)) {
            return Optional.of(WebhookResponse.refused(WebhookResponse.UNAUTHORIZED,
                    token == null ? "X-Gitlab-Token header missing" : "X-Gitlab-Token does not match"));
        }
        String event = header.apply(EVENT_HEADER);
        if (event == null) {
            return Optional.of(WebhookResponse.refused(WebhookResponse.MALFORMED, "X-Gitlab-Event header missing"));
        }
        if (!event.equals(PUSH_HOOK) && !event.equals(TAG_PUSH_HOOK)) {
            return Optional.of(WebhookResponse.ignored("event '" + Shorten.forReason(event) + "' does not deploy"));
        }
        if (declaredLength(header) > maxBodyBytes) {
            return Optional.of(tooLarge());
        }
        return Optional.empty();
    }

    private WebhookResponse decide(Function<String, String> header, InputStream body) throws IOException {
        Optional<WebhookResponse> withoutBody = answerWithoutBody(header);
        if (withoutBody.isPresent()) {
            return withoutBody.get();
        }
        byte[] json = body.readNBytes((int) maxBodyBytes + 1);
        if (json.length > maxBodyBytes) {
            return tooLarge();
        }
        return decidePush(header.apply(EVENT_HEADER), json);
    }

    private WebhookResponse decidePush(String event, byte[] json) {
        PushEvent push;
        try {
            push = PushEvent.parse(json);
        } catch (InvalidInputException e) {
            return WebhookResponse.refused(WebhookResponse.MALFORMED, e.getMessage());
        } catch (JsonProcessingException e) {
            return WebhookResponse.refused(WebhookResponse.MALFORMED,
                    "malformed JSON: " + Shorten.forReason(e.getOriginalMessage()));
        } catch (IOException e) {
            return WebhookResponse.refused(WebhookResponse.MALFORMED, "malformed JSON");
        }
        String expectedKind = event.equals(PUSH_HOOK) ? PushEvent.PUSH : PushEvent.TAG_PUSH;
        if (!expectedKind.equals(push.objectKind())) {
            return WebhookResponse.refused(WebhookResponse.MALFORMED,
                    "object_kind " + push.objectKind() + " does not match X-Gitlab-Event " + event);
        }
        GitRef ref = push.gitRef();
        if (push.deletesRef()) {
            return WebhookResponse.ignored(ref + " was deleted");
        }
        Optional<String> target = rules.targetFor(ref);
        return target.map(t -> WebhookResponse.deploy(DeployDecision.of(push, t)))
                .orElseGet(() -> WebhookResponse.ignored("no rule for " + ref));
    }

    private WebhookResponse tooLarge() {
        return WebhookResponse.refused(WebhookResponse.TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
    }

    /** -1 when absent or unreadable; the read limit still applies then. */
    private static long declaredLength(Function<String, String> header) {
        String length = header.apply("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] digestOfToken(String secretToken) {
        InvalidInputException.require(secretToken != null && !secretToken.isBlank(), "GitLab secret token",
                "is empty", "set the same secret token here and in GitLab's webhook settings");
        InvalidInputException.require(secretToken.equals(secretToken.strip()), "GitLab secret token",
                "starts or ends with whitespace, which HTTP drops from headers", "remove the surrounding spaces or newlines");
        return digest(secretToken);
    }

    /** Comparing fixed-length digests keeps the comparison's time independent of both tokens' lengths. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
