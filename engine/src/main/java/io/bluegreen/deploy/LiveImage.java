package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.bluegreen.image.ImageReference;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import java.util.List;

/**
 * The image an app's live colour runs on one target, pinned by its registry digest, so another target
 * deploys exactly it even when the tag has moved in the registry since (staging's tested build to production).
 * {@code source} says where it came from; a deploy records it in {@link DeployLabels#PROMOTED_FROM}.
 */
public record LiveImage(String reference, String digest, String commit, String source) {

    /** Reads what {@code app} runs live on the engine behind {@code docker}, which the caller calls {@code target}. */
    public static LiveImage of(DockerClient docker, String target, String app, RouterSettings router) {
        Colour live = router.open(docker, OperatorLog.silent()).liveColour(app).orElseThrow(() -> refused(target, app,
                "its router sends no traffic to " + app, "deploy it to " + target + " first"));
        List<Container> serving = new AppContainers(docker, app).of(live);
        boolean allUp = !serving.isEmpty() && serving.stream().allMatch(AppContainers::isRunning)
                && serving.stream().noneMatch(c -> String.valueOf(c.getStatus()).contains("unhealthy"));
        if (!allUp) {
            throw refused(target, app, "its live colour " + live + " is not running healthy",
                    "look at 'bluegreen status " + app + "' there, and promote once it is healthy");
        }
        Container first = serving.get(0);
        String digest = first.getLabels().get(DeployLabels.DIGEST);
        String image = first.getLabels().get(DeployLabels.IMAGE);
        if (digest == null || digest.equals(first.getImageId())) {
            throw refused(target, app, "its live image " + image + " has no registry digest (it was built there, never"
                    + " pushed or pulled), so another engine could not fetch exactly it",
                    "deploy " + app + " to " + target + " from a registry, then promote");
        }
        return pinned(target, app, image, digest, first.getLabels().get(DeployLabels.COMMIT),
                first.getLabels().get(DeployLabels.DEPLOY_ID));
    }

    /** {@code image}, deployed by that name, pinned at the registry {@code digest} it ran as. */
    public static LiveImage pinned(String target, String app, String image, String digest, String commit, String deployId) {
        String repository = ImageReference.parse(image, "image").repository();
        return new LiveImage(repository + "@" + digest, digest, commit, target + " " + app + " deploy " + deployId);
    }

    /** The line an operator sees before {@code app} gets this image: what, which commit, from where. */
    public void announce(String app, OperatorLog log) {
        log.line("[" + app + "] promoting " + reference + " (commit " + commit + "), live on " + source);
    }

    /** {@code spec} set to deploy exactly this image, recording where it came from. */
    public DeploySpec deployedBy(DeploySpec spec) {
        return spec.withImage(reference).withCommit(commit).withLabel(DeployLabels.PROMOTED_FROM, source);
    }

    /** Why {@code app} on {@code target} cannot be promoted from; nothing was changed. */
    public static DeployFailedException refused(String target, String app, String problem, String fix) {
        return new DeployFailedException(app, Phase.LOCK, "cannot promote from " + target + ": " + problem + " (fix: "
                + fix + ")", null);
    }
}
