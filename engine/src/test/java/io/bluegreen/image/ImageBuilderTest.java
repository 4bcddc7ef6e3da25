package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
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
class ImageBuilderTest {
    private final TestImages images = new TestImages();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final String repository = "127.0.0.1:5000/" + TestBed.uniqueName("bluegreen-it/build");

    @TempDir
    Path context;

    @AfterEach
    void removeImages() {
        images.close();
    }

    @Test
    void filesThatDockerignoreExcludesNeverReachTheImage() {
        TestImages.writeContext(context, "FROM " + TestBed.BUSYBOX + "\nCOPY . /ctx/\n", Map.of(
                ".dockerignore", "# secrets and junk stay home\nsecret.env\nlogs\n*.tmp\n!important.tmp\n",
                "app.txt", "app",
                "secret.env", "PASSWORD=hunter2",
                "logs/today.log", "noise",
                "scratch.tmp", "junk",
                "important.tmp", "kept by the exception",
                "sub/nested.tmp", "kept: *.tmp matches only the top level, as in docker build"));

        BuiltImage built = images.build(BuildRequest.of(context, repository).withExtraTag("ignore"), log::add);

        assertThat(images.files(built.imageId(), "/ctx").keySet()).containsExactlyInAnyOrder(
                "ctx/.dockerignore", "ctx/Dockerfile", "ctx/app.txt", "ctx/important.tmp", "ctx/sub/nested.tmp");
    }

    @Test
    void everyTagAndLabelIsOnTheImageAndTheTargetStageAndBuildArgAreHonoured() {
        String commit = TestImages.randomCommit();
        TestImages.writeContext(context, String.join("\n",
                "FROM " + TestBed.BUSYBOX + " AS base",
                "ARG GREETING",
                "RUN echo \"greeting=$GREETING\" && echo \"$GREETING\" > /greeting",
                "FROM base AS final",
                "RUN echo never > /final", ""), Map.of());
        BuildRequest request = BuildRequest.of(context, repository).withCommit(commit).withBranch("feature/Login")
                .withExtraTag("staging").withBuildArg("GREETING", "hello").withTarget("base")
                .withSource("https://gitlab.example.com/team/app").withLabel("com.example.team", "web");

        BuiltImage built = images.build(request, log::add);

        InspectImageResponse image = images.docker.inspectImageCmd(built.imageId()).exec();
        assertThat(image.getRepoTags()).containsExactlyInAnyOrder(
                repository + ":" + commit, repository + ":" + commit.substring(0, 8),
                repository + ":feature-login", repository + ":staging");
        assertThat(built.tags()).extracting(ImageReference::toString).containsExactlyInAnyOrderElementsOf(image.getRepoTags());
        assertThat(image.getConfig().getLabels())
                .containsEntry(BuildRequest.LABEL_REVISION, commit)
                .containsEntry(BuildRequest.LABEL_SOURCE, "https://gitlab.example.com/team/app")
                .containsKey(BuildRequest.LABEL_CREATED)
                .containsEntry("com.example.team", "web");
        assertThat(images.files(built.imageId(), "/greeting")).containsEntry("greeting", "hello\n");
        assertThatThrownBy(() -> images.files(built.imageId(), "/final")).isInstanceOf(NotFoundException.class);
        assertThat(log).anyMatch(line -> line.contains("greeting=hello")).anyMatch(line -> line.startsWith("build: done in"));
    }

    @Test
    void buildOutputReachesTheLogWhileTheBuildRuns() {
        TestImages.writeContext(context, "FROM " + TestBed.BUSYBOX + "\nRUN echo early-line && sleep 2\n", Map.of());
        List<Long> earlyLineAt = new CopyOnWriteArrayList<>();

        images.build(BuildRequest.of(context, repository).withExtraTag("stream").withNoCache(true), line -> {
            if (line.contains("early-line") && !line.contains("RUN")) {
                earlyLineAt.add(System.nanoTime());
            }
        });
        long finishedAt = System.nanoTime();

        assertThat(earlyLineAt).hasSize(1);
        assertThat(finishedAt - earlyLineAt.get(0)).as("nanoseconds between the line and the end of the build")
                .isGreaterThan(1_500_000_000L);
    }

    @Test
    void aFailingStepFailsTheBuildWithTheEnginesReasonAndTagsNothing() {
        TestImages.writeContext(context, "FROM " + TestBed.BUSYBOX + "\nRUN echo about to fail && exit 3\n", Map.of());

        assertThatThrownBy(() -> images.build(BuildRequest.of(context, repository).withExtraTag("broken"), log::add))
                .isInstanceOf(ImageOperationException.class)
                .hasMessageContaining("returned a non-zero code: 3")
                .hasMessageContaining("nothing was tagged");
        assertThatThrownBy(() -> images.docker.inspectImageCmd(repository + ":broken").exec())
                .isInstanceOf(NotFoundException.class);
        assertThat(log).anyMatch(line -> line.contains("about to fail"));
    }
}
