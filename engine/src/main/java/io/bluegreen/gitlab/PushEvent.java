package io.bluegreen.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * GitLab's {@code Push Hook} and {@code Tag Push Hook} payload, the fields a deploy needs. Field names
 * follow GitLab's "Webhook events" documentation; everything else in the payload is ignored.
 */
public record PushEvent(
        @JsonProperty("object_kind") String objectKind,
        @JsonProperty("ref") String ref,
        @JsonProperty("before") String before,
        @JsonProperty("after") String after,
        @JsonProperty("checkout_sha") String checkoutSha,
        @JsonProperty("user_username") String userUsername,
        @JsonProperty("user_name") String userName,
        @JsonProperty("project") Project project,
        @JsonProperty("commits") List<Commit> commits,
        @JsonProperty("total_commits_count") Integer totalCommitsCount) {

    public static final String PUSH = "push";
    public static final String TAG_PUSH = "tag_push";

    private static final String FIX = "send GitLab's push payload unchanged";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    /** GitLab's payloads nest four levels deep; anything far deeper is an attack on the parser. */
    private static final int MAX_NESTING = 32;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public record Project(
            @JsonProperty("path_with_namespace") String pathWithNamespace,
            @JsonProperty("web_url") String webUrl) {
    }

    public record Commit(
            @JsonProperty("id") String id,
            @JsonProperty("message") String message,
            @JsonProperty("url") String url,
            @JsonProperty("author") Author author) {
    }

    public record Author(@JsonProperty("name") String name, @JsonProperty("email") String email) {
    }

    /**
     * Reads and checks a payload. Throws {@link InvalidInputException} naming the field for anything a
     * deploy could not safely use, and Jackson's {@link IOException} for text that is not JSON.
     */
    public static PushEvent parse(byte[] json) throws IOException {
        // Reading the whole tree first checks every byte (encoding, fields nobody reads), not only the fields used.
        PushEvent event = JSON.treeToValue(JSON.readTree(json), PushEvent.class);
        InvalidInputException.require(event != null, "body", "is JSON null", FIX);
        event.check();
        return event;
    }

    public GitRef gitRef() {
        return GitRef.parse(ref);
    }

    /** True when the push removed the branch or tag: GitLab then sends {@code after} as forty zeros. */
    public boolean deletesRef() {
        return isZero(after);
    }

    /** True when the push created the branch or tag, so there is no earlier commit to compare with. */
    public boolean createsRef() {
        return isZero(before);
    }

    /**
     * The commit to deploy. For an annotated tag, {@code after} names the tag object, and only
     * {@code checkout_sha} names the commit it points to.
     */
    public String deployCommit() {
        return checkoutSha != null ? checkoutSha : after;
    }

    /** The first line of the pushed commit's message, or "" when the payload leaves it out. */
    public String commitTitle() {
        String commit = deployCommit();
        return commits == null ? "" : commits.stream()
                .filter(Objects::nonNull)
                .filter(c -> commit.equals(c.id()) && c.message() != null)
                .map(c -> c.message().lines().findFirst().orElse(""))
                .findFirst().orElse("");
    }

    private void check() {
        InvalidInputException.require(PUSH.equals(objectKind) || TAG_PUSH.equals(objectKind), "object_kind",
                "'" + Shorten.forReason(String.valueOf(objectKind)) + "' is not push or tag_push", FIX);
        GitRef parsed = gitRef();
        GitRef.Kind expected = PUSH.equals(objectKind) ? GitRef.Kind.BRANCH : GitRef.Kind.TAG;
        InvalidInputException.require(parsed.kind() == expected, "ref",
                "a " + objectKind + " event names a " + parsed.kind().label(), FIX);
        requireSha("before", before);
        requireSha("after", after);
        if (checkoutSha != null) {
            requireSha("checkout_sha", checkoutSha);
        }
        InvalidInputException.require(userUsername != null && !userUsername.isBlank(), "user_username",
                "is missing", FIX);
        InvalidInputException.require(project != null, "project", "is missing", FIX);
        InvalidInputException.require(project.pathWithNamespace() != null && !project.pathWithNamespace().isBlank(),
                "project.path_with_namespace", "is missing", FIX);
        requireWebUrl(project.webUrl());
    }

    private static void requireSha(String field, String value) {
        InvalidInputException.require(value != null && SHA.matcher(value).matches(), field,
                value == null ? "is missing" : "'" + Shorten.forReason(value) + "' is not a commit id", FIX);
    }

    /** The URL ends up inside Slack links and Jenkins pages, so it must be a plain http(s) address. */
    private static void requireWebUrl(String webUrl) {
        InvalidInputException.require(webUrl != null, "project.web_url", "is missing", FIX);
        boolean plain = webUrl.chars().noneMatch(c -> c <= ' ' || c == '|' || c == '<' || c == '>' || c == '"');
        URI uri = plain ? parseUri(webUrl) : null;
        InvalidInputException.require(uri != null && uri.getHost() != null
                        && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())),
                "project.web_url", "'" + Shorten.forReason(webUrl) + "' is not an http(s) address", FIX);
    }

    private static URI parseUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isZero(String sha) {
        return sha != null && sha.chars().allMatch(c -> c == '0');
    }
}
