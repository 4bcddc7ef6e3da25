package io.bluegreen.cli.webhook;

import static io.bluegreen.gitlab.GitLabSamples.TOKEN;
import static io.bluegreen.gitlab.GitLabSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bluegreen.gitlab.DeployDecision;
import io.bluegreen.gitlab.GitRef;
import io.bluegreen.gitlab.WebhookHandler;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated GitLab calls over real HTTP. The oracle, checked for every call: never a 5xx; a wrong or
 * missing token gets 401, a body over the limit 413, text that is not a JSON object 400, all without
 * a trigger; a trigger (202) happens only for a push whose own fields, read independently here, name
 * a branch the rules map, and the decision repeats exactly those fields; a 200 only for a deletion or
 * an unmapped ref. Mutations that cannot change the meaning (a huge value in a field nobody reads)
 * must give the same answer as the original.
 */
class WebhookFuzzTest {
    private static final long SEED = 0x5EED_2024L;
    private static final int CASES = 1_200;
    private static final Map<String, String> TARGETS = Map.of("master", "staging", "production", "production");
    private static final List<String> SAMPLES = List.of("push-master.json", "push-production.json",
            "push-feature.json", "push-delete-master.json", "tag-push-v1.4.0.json");
    private static final List<String> FIELDS = List.of("object_kind", "ref", "before", "after", "checkout_sha",
            "user_username", "user_name", "message", "project", "project.path_with_namespace", "project.web_url",
            "project.description", "commits", "commits.0", "commits.0.id", "commits.0.message", "commits.0.author",
            "total_commits_count");
    /** Fields the handler does not read: changing their value may not change the answer. */
    private static final List<String> UNREAD_FIELDS = List.of("user_name", "message", "project.description");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long LIMIT = WebhookHandler.DEFAULT_MAX_BODY_BYTES;

    enum Mutation { FLIP_BYTES, TRUNCATE, SWAP_TYPE, DROP_FIELD, DEEP_NESTING, HUGE_STRING, WRONG_TOKEN }

    private static GitLabStandIn gitlab;

    @BeforeAll
    static void start() throws IOException {
        gitlab = new GitLabStandIn(GitLabStandIn.handler("master -> staging\nproduction -> production\n"));
    }

    @AfterAll
    static void stop() {
        gitlab.close();
    }

    @Test
    void mutatedCallsNeverFailTheServerAndTriggerOnlyValidMappedPushes() throws IOException {
        Map<String, Integer> originalStatus = new TreeMap<>();
        for (String name : SAMPLES) {
            originalStatus.put(name, gitlab.post(eventFor(name), TOKEN, sample(name)).statusCode());
            gitlab.takeDecisions();
        }
        assertThat(originalStatus).containsValues(202, 200);

        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<Mutation, Integer> mutations = new EnumMap<>(Mutation.class);
        for (int i = 0; i < CASES; i++) {
            String name = SAMPLES.get(random.nextInt(SAMPLES.size()));
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            byte[] body = mutate(mutation, field, sample(name), random);
            String token = mutation == Mutation.WRONG_TOKEN || random.nextInt(10) == 0 ? wrongToken(random) : TOKEN;
            String label = "case " + i + ": " + mutation + " of " + field + " in " + name
                    + (TOKEN.equals(token) ? "" : " with token " + token);

            HttpResponse<String> response = gitlab.post(eventFor(name), token, body);
            List<DeployDecision> triggered = gitlab.takeDecisions();

            check(label, token, body, response, triggered);
            boolean meaningKept = mutation == Mutation.HUGE_STRING && UNREAD_FIELDS.contains(field)
                    && TOKEN.equals(token) && body.length <= LIMIT;
            if (meaningKept) {
                assertThat(response.statusCode()).as(label).isEqualTo(originalStatus.get(name));
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            mutations.merge(mutation, 1, Integer::sum);
        }
        // The oracle above only bites if every path was taken often enough.
        assertThat(statuses.keySet()).containsExactlyInAnyOrder(200, 202, 400, 401, 413);
        assertThat(statuses.values()).allMatch(count -> count >= 10);
        assertThat(mutations.values()).allMatch(count -> count >= 100);
    }

    private static void check(String label, String token, byte[] body, HttpResponse<String> response,
                              List<DeployDecision> triggered) {
        int status = response.statusCode();
        assertThat(status).as(label).isIn(200, 202, 400, 401, 413);
        assertThat(triggered).as(label).hasSize(status == 202 ? 1 : 0);
        if (!TOKEN.equals(token)) {
            assertThat(status).as(label).isEqualTo(401);
            return;
        }
        if (body.length > LIMIT) {
            assertThat(status).as(label).isEqualTo(413);
            return;
        }
        JsonNode tree = readTree(body);
        if (tree == null || !tree.isObject()) {
            assertThat(status).as(label).isEqualTo(400);
            return;
        }
        if (status == 200) {
            assertThat(isDeletion(tree) || mappedBranch(tree) == null).as(label + " ignored a mapped push").isTrue();
        }
        if (status == 202) {
            assertDecisionRepeats(label, tree, triggered.get(0));
        }
    }

    /** The decision must say what the payload says, read here without the handler's code. */
    private static void assertDecisionRepeats(String label, JsonNode push, DeployDecision decision) {
        String branch = mappedBranch(push);
        assertThat(branch).as(label + " triggered an unmapped ref").isNotNull();
        assertThat(isDeletion(push)).as(label + " triggered a deletion").isFalse();
        String after = push.get("after").asText();
        String commit = text(push, "checkout_sha") == null ? after : text(push, "checkout_sha");
        String webUrl = push.get("project").get("web_url").asText();
        String commitUrl = webUrl + "/-/commit/" + commit;
        String before = push.get("before").asText();
        assertThat(decision).as(label).isEqualTo(new DeployDecision(GitRef.branch(branch), commit,
                decision.commitTitle(), TARGETS.get(branch), push.get("project").get("path_with_namespace").asText(),
                push.get("user_username").asText(),
                before.matches("0+") ? commitUrl : webUrl + "/-/compare/" + before + "..." + after, commitUrl));
        assertThat(push.get("object_kind").asText()).as(label).isEqualTo("push");
    }

    /** The branch name when the payload's ref is a branch the rules map, else null. */
    private static String mappedBranch(JsonNode push) {
        String ref = text(push, "ref");
        if (ref == null || !ref.startsWith("refs/heads/")) {
            return null;
        }
        String branch = ref.substring("refs/heads/".length());
        return TARGETS.containsKey(branch) ? branch : null;
    }

    private static boolean isDeletion(JsonNode push) {
        String after = text(push, "after");
        return after != null && after.matches("0+");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static JsonNode readTree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] mutate(Mutation mutation, String field, byte[] json, Random random) throws IOException {
        return switch (mutation) {
            case FLIP_BYTES -> flipBytes(json, random);
            case TRUNCATE -> Arrays.copyOf(json, random.nextInt(new String(json, StandardCharsets.UTF_8).lastIndexOf('}')));
            case SWAP_TYPE -> replace(json, field, otherType(random));
            case DROP_FIELD -> replace(json, field, null);
            case DEEP_NESTING -> nest(json, 5 + random.nextInt(3_000), random);
            case HUGE_STRING -> replace(json, field,
                    JsonNodeFactory.instance.textNode(randomLetters(random, 10_000 + random.nextInt(1_800_000))));
            case WRONG_TOKEN -> json;
        };
    }

    private static byte[] flipBytes(byte[] json, Random random) {
        byte[] flipped = json.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        return flipped;
    }

    /** Sets (or with null removes) a field given as a dotted path; a path the payload lacks is left alone. */
    private static byte[] replace(byte[] json, String path, JsonNode value) throws IOException {
        JsonNode root = JSON.readTree(json);
        String[] steps = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length - 1 && parent != null; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array && Integer.parseInt(last) < array.size()) {
            if (value == null) {
                array.remove(Integer.parseInt(last));
            } else {
                array.set(Integer.parseInt(last), value);
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    private static JsonNode otherType(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(7)) {
            case 0 -> nodes.numberNode(random.nextInt());
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.nullNode();
            case 3 -> nodes.arrayNode().add(1).add("a");
            case 4 -> nodes.objectNode().put("id", 1);
            case 5 -> nodes.textNode("");
            default -> nodes.numberNode(random.nextDouble());
        };
    }

    /** Adds an unread field nested {@code depth} levels deep, right after the opening brace. */
    private static byte[] nest(byte[] json, int depth, Random random) {
        StringBuilder nested = new StringBuilder("\"nested\": ");
        StringBuilder closing = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            boolean array = random.nextBoolean();
            nested.append(array ? "[" : "{\"k\":");
            closing.insert(0, array ? "]" : "}");
        }
        nested.append("1").append(closing).append(", ");
        String text = new String(json, StandardCharsets.UTF_8);
        int brace = text.indexOf('{');
        return (text.substring(0, brace + 1) + nested + text.substring(brace + 1)).getBytes(StandardCharsets.UTF_8);
    }

    private static String randomLetters(Random random, int length) {
        char[] letters = new char[64];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters).repeat(length / letters.length + 1).substring(0, length);
    }

    /** Never the right token; no spaces, which HTTP would trim away. */
    private static String wrongToken(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> TOKEN.substring(0, TOKEN.length() - 1);
            case 3 -> TOKEN + "0";
            default -> TOKEN.replace('s', 'S');
        };
    }

    private static String eventFor(String sampleName) {
        return sampleName.startsWith("tag-") ? WebhookHandler.TAG_PUSH_HOOK : WebhookHandler.PUSH_HOOK;
    }
}
