package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two commits' images, A and B, in each registry, with {@code latest} at B: the state a rollback
 * starts from.
 */
@RequiresTestBed
class RetaggerTest {
    private static final RegistryCredentials RIGHT = RegistryCredentials.of(TestBed.AUTH_USER, TestBed.AUTH_PASSWORD);
    private static final TestImages IMAGES = new TestImages();
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static Commits open;
    private static Commits guarded;

    /** One registry's copy of the two commits. */
    record Commits(ImageReference a, String digestA, ImageReference b, String digestB, RegistryClient registry) {
        String digestOf(String tag) {
            return registry.digest(a.apiPath(), tag).orElse("absent");
        }
    }

    @BeforeAll
    static void pushTwoCommitsWithLatestAtB() throws IOException {
        Path context = Files.createTempDirectory("retag");
        TestImages.writeContext(context, "FROM " + TestBed.BUSYBOX + "\n", Map.of());
        String path = TestBed.uniqueName("bluegreen-it/retag");
        open = pushCommits(context, TestBed.REGISTRY + "/" + path, RegistryCredentials.anonymous());
        guarded = pushCommits(context, TestBed.AUTH_REGISTRY + "/" + path, RIGHT);
    }

    private static Commits pushCommits(Path context, String repository, RegistryCredentials credentials) {
        ImagePusher pusher = new ImagePusher(IMAGES.docker, LOG::add);
        String commitA = TestImages.randomCommit();
        String commitB = TestImages.randomCommit();
        IMAGES.build(BuildRequest.of(context, repository).withCommit(commitA), LOG::add);
        IMAGES.build(BuildRequest.of(context, repository).withCommit(commitB).withExtraTag("latest"), LOG::add);
        ImageReference a = ImageReference.parse(repository + ":" + commitA, "a");
        ImageReference b = ImageReference.parse(repository + ":" + commitB, "b");
        String digestA = pusher.push(a, credentials).digest();
        String digestB = pusher.push(b, credentials).digest();
        pusher.push(b.withTag("latest"), credentials);
        assertThat(digestA).isNotEqualTo(digestB);
        return new Commits(a, digestA, b, digestB, RegistryClient.of(a.registry(), credentials));
    }

    @AfterAll
    static void removeImages() {
        IMAGES.close();
    }

    private static Retagger retagger(RegistryClient registry) {
        return new Retagger(registry, () -> IMAGES.docker, LOG::add);
    }

    @Test
    void latestMovesToCommitAAndBackWithoutAnEngine() {
        assertThat(open.digestOf("latest")).isEqualTo(open.digestB());
        Retagger retagger = new Retagger(open.registry(), null, LOG::add);

        RetagResult rollback = retagger.retag(open.a(), "latest");

        assertThat(rollback.method()).isEqualTo(Retagger.Method.REGISTRY_SIDE);
        assertThat(rollback.previousDigest()).isEqualTo(open.digestB());
        assertThat(rollback.digest()).isEqualTo(open.digestA());
        assertThat(open.digestOf("latest")).isEqualTo(open.digestA());

        RetagResult forward = retagger.retag(open.b(), "latest");

        assertThat(forward.previousDigest()).isEqualTo(open.digestA());
        assertThat(open.digestOf("latest")).isEqualTo(open.digestB());
    }

    @Test
    void aSourceNamedByDigestWorksToo() {
        ImageReference byDigest = ImageReference.parse(open.a().repository() + "@" + open.digestA(), "image");

        retagger(open.registry()).retag(byDigest, "pinned");

        assertThat(open.digestOf("pinned")).isEqualTo(open.digestA());
    }

    @Test
    void aMissingSourceTagFailsClearlyAndChangesNothing() {
        String before = open.digestOf("latest");

        assertThatThrownBy(() -> retagger(open.registry()).retag(open.a().withTag("no-such-commit"), "latest"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(open.a().withTag("no-such-commit") + " is not in registry " + TestBed.REGISTRY)
                .hasMessageContaining("nothing was changed");
        assertThat(open.digestOf("latest")).isEqualTo(before);
    }

    @Test
    void thePasswordRegistryRetagsWithTheRightPassword() {
        RetagResult result = retagger(guarded.registry()).retag(guarded.a(), "latest");

        assertThat(result.method()).isEqualTo(Retagger.Method.REGISTRY_SIDE);
        assertThat(guarded.digestOf("latest")).isEqualTo(guarded.digestA());
        retagger(guarded.registry()).retag(guarded.b(), "latest");
        assertThat(guarded.digestOf("latest")).isEqualTo(guarded.digestB());
    }

    @Test
    void aWrongPasswordFailsClearlyAndChangesNothing() {
        String before = guarded.digestOf("latest");
        RegistryClient wrong = RegistryClient.of(TestBed.AUTH_REGISTRY, RegistryCredentials.of(TestBed.AUTH_USER, "nope"));

        assertThatThrownBy(() -> retagger(wrong).retag(guarded.a(), "latest"))
                .isInstanceOf(RegistryHttpException.class)
                .hasMessageContaining("answered 401")
                .hasMessageContaining("refused user " + TestBed.AUTH_USER)
                .hasMessageNotContaining("nope");
        assertThat(guarded.digestOf("latest")).isEqualTo(before);
    }

    @Test
    void pullTagPushLeavesTheSameDigestAsTheRegistrySideCopy() {
        ImageReference target = open.a().withTag("by-engine");
        IMAGES.forget(target.toString());

        PushedImage pushed = new PullTagPush(IMAGES.docker, LOG::add).retag(open.a(), "by-engine", RegistryCredentials.anonymous());

        assertThat(pushed.digest()).isEqualTo(open.digestA());
        assertThat(open.digestOf("by-engine")).isEqualTo(open.digestA());
    }

    @Test
    void aRegistryThatRefusesTheManifestCopyGetsPullTagPushWithTheSameDigest() throws IOException {
        try (ManifestRefusingFront front = new ManifestRefusingFront(TestBed.REGISTRY)) {
            ImageReference source = ImageReference.parse(front.registry() + "/" + open.a().path() + ":" + open.a().tag(), "a");
            IMAGES.forget(source.toString());
            IMAGES.forget(source.withTag("refused-copy").toString());
            RegistryClient registry = RegistryClient.of(front.registry(), RegistryCredentials.anonymous());

            RetagResult result = retagger(registry).retag(source, "refused-copy");

            assertThat(result.method()).isEqualTo(Retagger.Method.PULL_TAG_PUSH);
            assertThat(result.digest()).isEqualTo(open.digestA());
            assertThat(open.digestOf("refused-copy")).isEqualTo(open.digestA());
            assertThat(LOG).anyMatch(line -> line.contains("falling back to pull/tag/push"));
        }
    }

    @Test
    void withoutAnEngineARefusedCopyFailsAndChangesNothing() throws IOException {
        try (ManifestRefusingFront front = new ManifestRefusingFront(TestBed.REGISTRY)) {
            ImageReference source = ImageReference.parse(front.registry() + "/" + open.a().path() + ":" + open.a().tag(), "a");
            RegistryClient registry = RegistryClient.of(front.registry(), RegistryCredentials.anonymous());

            assertThatThrownBy(() -> new Retagger(registry, null, LOG::add).retag(source, "never-made"))
                    .isInstanceOf(RegistryHttpException.class)
                    .hasMessageContaining("answered 405");
            assertThat(open.digestOf("never-made")).isEqualTo("absent");
        }
    }

    @Test
    void aTagFromAnotherRegistryOrAnIllegalTagIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> retagger(open.registry()).retag(guarded.a(), "latest"))
                .isInstanceOf(io.bluegreen.validation.InvalidInputException.class)
                .hasMessageContaining("is not in registry " + TestBed.REGISTRY);
        assertThatThrownBy(() -> retagger(open.registry()).retag(open.a(), "-latest"))
                .isInstanceOf(io.bluegreen.validation.InvalidInputException.class)
                .hasMessageStartingWith("tag:");
    }
}
