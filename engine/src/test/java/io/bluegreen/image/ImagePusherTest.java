package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.testbed.RequiresTestBed;
import io.bluegreen.testbed.TestBed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresTestBed
class ImagePusherTest {
    private final TestImages images = new TestImages();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @TempDir
    Path context;

    @AfterEach
    void removeImages() {
        images.close();
    }

    private BuiltImage buildInto(String registry) {
        TestImages.writeContext(context, "FROM " + TestBed.BUSYBOX + "\nCOPY payload /payload\n",
                Map.of("payload", TestBed.uniqueName("payload")));
        String repository = registry + "/" + TestBed.uniqueName("bluegreen-it/push");
        return images.build(BuildRequest.of(context, repository).withCommit(TestImages.randomCommit()), log::add);
    }

    @Test
    void pushThenPullBackByTheRegistryNameGivesTheSameDigest() {
        BuiltImage built = buildInto(TestBed.REGISTRY);
        ImageReference image = built.tags().get(0);

        PushedImage pushed = new ImagePusher(images.docker, log::add).push(image, RegistryCredentials.anonymous());

        assertThat(pushed.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(RegistryClient.of(TestBed.REGISTRY, RegistryCredentials.anonymous()).digest(image.apiPath(), image.tag()))
                .contains(pushed.digest());
        built.tags().forEach(tag -> images.removeLocal(tag.toString()));
        assertThat(images.docker.listImagesCmd().withReferenceFilter(image.repository()).exec()).isEmpty();

        new ImagePuller(images.docker, log::add).pull(image, RegistryCredentials.anonymous());

        images.forget(image.toString());
        assertThat(images.docker.inspectImageCmd(image.toString()).exec().getRepoDigests())
                .contains(image.repository() + "@" + pushed.digest());
        assertThat(images.docker.inspectImageCmd(image.toString()).exec().getId()).isEqualTo(built.imageId());
    }

    @Test
    void progressIsOneLinePerLayerStateNotOnePerChunk() {
        ImageReference image = buildInto(TestBed.REGISTRY).tags().get(0);
        log.clear();

        new ImagePusher(images.docker, log::add).push(image, RegistryCredentials.anonymous());

        List<String> layerLines = log.stream().filter(line -> line.contains("layer ")).toList();
        assertThat(layerLines).anyMatch(line -> line.endsWith(": Pushed"));
        assertThat(layerLines).doesNotHaveDuplicates();
        assertThat(log).last().asString().startsWith("push: done in");
    }

    @Test
    void pushToThePasswordRegistryWithTheRightPasswordWorks() {
        ImageReference image = buildInto(TestBed.AUTH_REGISTRY).tags().get(0);
        RegistryCredentials credentials = RegistryCredentials.of(TestBed.AUTH_USER, TestBed.AUTH_PASSWORD);

        PushedImage pushed = new ImagePusher(images.docker, log::add).push(image, credentials);

        assertThat(RegistryClient.of(TestBed.AUTH_REGISTRY, credentials).digest(image.apiPath(), image.tag()))
                .contains(pushed.digest());
    }

    @Test
    void aWrongPasswordFailsClearlyAndPushesNothing() {
        ImageReference image = buildInto(TestBed.AUTH_REGISTRY).tags().get(0);

        assertThatThrownBy(() -> new ImagePusher(images.docker, log::add)
                .push(image, RegistryCredentials.of(TestBed.AUTH_USER, "wrong-password")))
                .isInstanceOf(ImageOperationException.class)
                .hasMessageContaining("refused user " + TestBed.AUTH_USER)
                .hasMessageContaining("fix: check the registry user and password")
                .hasMessageNotContaining("wrong-password");
        RegistryCredentials right = RegistryCredentials.of(TestBed.AUTH_USER, TestBed.AUTH_PASSWORD);
        assertThat(RegistryClient.of(TestBed.AUTH_REGISTRY, right).manifest(image.apiPath(), image.tag())).isEmpty();
    }
}
