package io.bluegreen.image;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.log.OperatorLog;

/**
 * The slow road of a retag, through an engine: pull the image, tag it, push the new tag. Layers
 * travel, so it takes as long as the image is big; only for registries that refuse a manifest copy.
 */
public final class PullTagPush {
    private final DockerClient docker;
    private final OperatorLog log;

    public PullTagPush(DockerClient docker, OperatorLog log) {
        this.docker = docker;
        this.log = log;
    }

    public PushedImage retag(ImageReference source, String newTag, RegistryCredentials credentials) {
        ImageReference target = source.withTag(newTag);
        new ImagePuller(docker, log).pull(source, credentials);
        docker.tagImageCmd(source.toString(), target.repository(), newTag).exec();
        return new ImagePusher(docker, log).push(target, credentials);
    }
}
