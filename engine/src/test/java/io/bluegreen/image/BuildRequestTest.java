package io.bluegreen.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRequestTest {
    private static final String COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b";

    @TempDir
    Path context;

    @BeforeEach
    void writeDockerfile() throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
    }

    private BuildRequest valid() {
        return BuildRequest.of(context, "127.0.0.1:5000/team/app").withCommit(COMMIT);
    }

    @Test
    void tagsAreFullCommitShortCommitBranchThenExtrasWithoutRepeats() {
        BuildRequest request = valid().withBranch("feature/Login").withExtraTag("staging").withExtraTag("3f786850");

        assertThat(request.validate().tags()).extracting(ImageReference::toString).containsExactly(
                "127.0.0.1:5000/team/app:" + COMMIT,
                "127.0.0.1:5000/team/app:3f786850",
                "127.0.0.1:5000/team/app:feature-login",
                "127.0.0.1:5000/team/app:staging");
    }

    @Test
    void labelsCarryTheOciRevisionSourceAndCreatedTime() {
        Instant created = Instant.parse("2024-05-01T10:00:00Z");
        BuildRequest request = valid().withSource("https://gitlab.example.com/team/app").withCreated(created)
                .withLabel("com.example.team", "web");

        assertThat(request.labels())
                .containsEntry(BuildRequest.LABEL_REVISION, COMMIT)
                .containsEntry(BuildRequest.LABEL_SOURCE, "https://gitlab.example.com/team/app")
                .containsEntry(BuildRequest.LABEL_CREATED, "2024-05-01T10:00:00Z")
                .containsEntry("com.example.team", "web");
    }

    @Test
    void eachMistakeNamesItsField() throws IOException {
        Files.writeString(context.getParent().resolve(context.getFileName() + "-outside"), "FROM scratch\n");
        assertRefused(r -> BuildRequest.of(context.resolve("missing"), "app").withCommit(COMMIT), "context");
        assertRefused(r -> r.withDockerfile("nope/Dockerfile"), "dockerfile");
        assertRefused(r -> r.withDockerfile("../" + context.getFileName() + "-outside"), "dockerfile");
        assertRefused(r -> BuildRequest.of(context, "127.0.0.1:5000/Team/App").withCommit(COMMIT), "image");
        assertRefused(r -> BuildRequest.of(context, "127.0.0.1:5000/app:v1").withCommit(COMMIT), "image");
        assertRefused(r -> r.withCommit("3f78685"), "commit");
        assertRefused(r -> r.withBranch("//"), "branch");
        assertRefused(r -> r.withExtraTag("-bad"), "tag");
        assertRefused(r -> r.withBuildArg("1ST", "x"), "build-arg");
        assertRefused(r -> r.withLabel("a=b", "x"), "label");
        assertRefused(r -> r.withTarget("bad stage"), "target");
        assertRefused(r -> BuildRequest.of(context, "app"), "tags");
    }

    private void assertRefused(UnaryOperator<BuildRequest> mistake, String field) {
        assertThatThrownBy(() -> mistake.apply(valid()).validate())
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .hasMessageContaining("fix:");
    }
}
