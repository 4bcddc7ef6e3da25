package io.bluegreen.cli;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.image.ImagePusher;
import io.bluegreen.image.ImageReference;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.log.OperatorLog;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bluegreen push}: local tags to their registry; prints each tag with its registry digest. */
@Command(name = "push", mixinStandardHelpOptions = true, description = "Push local image tags to their registry.")
final class PushCommand extends RegistryCommand {
    @Parameters(arity = "1..*", paramLabel = "IMAGE:TAG", description = "tags to push, e.g. registry.example.com/team/app:3f786850")
    List<String> images;

    @Override
    public Integer call() {
        List<ImageReference> references = images.stream()
                .map(image -> ImageReference.parse(image, "IMAGE:TAG").requireTagged("IMAGE:TAG")).toList();
        RegistryCredentials credentials = registry.credentials();
        OperatorLog log = log();
        DockerClient docker = engine.connect(log);
        ImagePusher pusher = new ImagePusher(docker, log);
        for (ImageReference reference : references) {
            out().println("pushed " + reference + " " + pusher.push(reference, credentials).digest());
        }
        return 0;
    }
}
