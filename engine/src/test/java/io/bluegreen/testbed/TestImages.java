package io.bluegreen.testbed;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Variants of the test app built for one test (FROM a test-bed image, never pulled), and removed after. */
public final class TestImages {
    private TestImages() {
    }

    public static String build(DockerClient docker, String prefix, String dockerfile) {
        String tag = TestBed.uniqueName("bluegreen-test/" + prefix) + ":latest";
        try {
            Path context = Files.createTempDirectory("bgt-image");
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false)
                    .exec(new BuildImageResultCallback()).awaitImageId();
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void remove(DockerClient docker, String tag) {
        try {
            docker.removeImageCmd(tag).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // pruned by the test itself
        }
    }
}
