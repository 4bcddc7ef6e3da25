package io.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.bluegreen.log.OperatorLog;

/** Pulls an image from its registry onto the engine, with the same quiet progress as a push. */
public final class ImagePuller {
    private final DockerClient docker;
    private final OperatorLog log;

    public ImagePuller(DockerClient docker, OperatorLog log) {
        this.docker = docker;
        this.log = log;
    }

    public void pull(ImageReference image, RegistryCredentials credentials) {
        // The engine reads a digest given as the tag as a digest, so one call serves both.
        EngineStreamCallback.<PullResponseItem>follow("pull", image, credentials, log,
                callback -> docker.pullImageCmd(image.repository()).withTag(image.tagOrDigest())
                        .withAuthConfig(credentials.authConfig(image.registry())).exec(callback));
    }

    /** Pulls {@code reference} only when the engine lacks it, so an image that exists only there is used as it is. */
    public void pullIfAbsent(String reference, String field, RegistryCredentials credentials) {
        if (!has(reference)) {
            pull(ImageReference.parse(reference, field), credentials);
        }
    }

    public boolean has(String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
