package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import java.util.List;
import java.util.Map;

/** What the engine knows about the image being deployed: its id, digest and the commit it was built from. */
public record ImageFacts(String reference, String id, String digest, String commit) {
    static final String REVISION_LABEL = "org.opencontainers.image.revision";

    public static ImageFacts inspect(DockerClient docker, String reference) {
        InspectImageResponse image = docker.inspectImageCmd(reference).exec();
        List<String> repoDigests = image.getRepoDigests();
        String digest = repoDigests == null || repoDigests.isEmpty() ? image.getId()
                : repoDigests.get(0).substring(repoDigests.get(0).indexOf('@') + 1);
        ContainerConfig config = image.getConfig();
        Map<String, String> labels = config == null ? null : config.getLabels();
        String commit = labels == null ? null : labels.get(REVISION_LABEL);
        return new ImageFacts(reference, image.getId(), digest, commit == null ? "unknown" : commit);
    }

    public ImageFacts withCommit(String explicitCommit) {
        return explicitCommit == null ? this : new ImageFacts(reference, id, digest, explicitCommit);
    }

    /** {@code sha256:0123456789ab…}: enough to tell images apart on one log line. */
    public static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }

    public static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
