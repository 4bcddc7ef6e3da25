package io.bluegreen.testbed;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.image.ImagePusher;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Variants of the test app built for one test (FROM a test-bed image, never pulled), and removed after. */
public final class TestImages {
    private TestImages() {
    }

    public static String build(DockerClient docker, String prefix, String dockerfile) {
        return build(docker, prefix, dockerfile, Map.of());
    }

    /** With {@code files} (name to content) beside the Dockerfile, for it to COPY. */
    public static String build(DockerClient docker, String prefix, String dockerfile, Map<String, String> files) {
        String tag = TestBed.uniqueName("bluegreen-test/" + prefix) + ":latest";
        try {
            Path context = Files.createTempDirectory("bgt-image");
            Files.writeString(context.resolve("Dockerfile"), dockerfile);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(context.resolve(file.getKey()), file.getValue());
            }
            docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false)
                    .exec(new BuildImageResultCallback()).awaitImageId();
            try (Stream<Path> made = Files.list(context)) {
                for (Path path : made.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(context);
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tags {@code image} as {@code as} (moving the tag if it exists) and pushes it; returns the digest the registry gave it. */
    public static String pushAs(DockerClient docker, String image, ImageReference as) {
        docker.tagImageCmd(image, as.repository(), as.tag()).withForce(true).exec();
        return new ImagePusher(docker, OperatorLog.silent()).push(as, RegistryCredentials.anonymous()).digest();
    }

    public static void remove(DockerClient docker, String tag) {
        try {
            docker.removeImageCmd(tag).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // pruned by the test itself
        }
    }
}
