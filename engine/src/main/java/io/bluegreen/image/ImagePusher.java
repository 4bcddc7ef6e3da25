package io.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.PushResponseItem;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;

/** Pushes local tags to their registry through the engine, which moves only layers the registry lacks. */
public final class ImagePusher {
    private final DockerClient docker;
    private final OperatorLog log;

    public ImagePusher(DockerClient docker, OperatorLog log) {
        this.docker = docker;
        this.log = log;
    }

    public PushedImage push(ImageReference image, RegistryCredentials credentials) {
        image.requireTagged("image");
        long started = System.nanoTime();
        EngineStreamCallback<PushResponseItem> stream = EngineStreamCallback.follow("push", image, credentials, log,
                callback -> docker.pushImageCmd(image.repository()).withTag(image.tag())
                        .withAuthConfig(credentials.authConfig(image.registry())).exec(callback));
        if (stream.digest() == null) {
            throw new ImageOperationException("push of " + image + " ended without a digest from the registry");
        }
        return new PushedImage(image, stream.digest(), Duration.ofNanos(System.nanoTime() - started));
    }
}
