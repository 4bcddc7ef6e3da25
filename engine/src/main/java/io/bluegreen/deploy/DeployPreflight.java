package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.router.Colour;
import io.bluegreen.router.NginxRouter;
import io.bluegreen.validation.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read-only looks at the engine that refuse, before a deploy changes anything, what the engine would
 * otherwise refuse half-way with a raw API error: an image it does not have (the app's, or the router's
 * when the router is still to be made), a container name that a stranger already holds.
 */
final class DeployPreflight {
    private DeployPreflight() {
    }

    /** Refuses an image the engine does not have, telling an unknown tag (listing the known ones) from an unknown image. */
    static void requireImage(DockerClient docker, String reference, String field) {
        try {
            docker.inspectImageCmd(reference).exec();
        } catch (NotFoundException e) {
            String repository = repositoryOf(reference);
            List<String> tags = docker.listImagesCmd().exec().stream()
                    .flatMap(image -> Stream.of(Optional.ofNullable(image.getRepoTags()).orElse(new String[0])))
                    .filter(tag -> tag.startsWith(repository + ":"))
                    .map(tag -> tag.substring(repository.length() + 1))
                    .sorted().toList();
            if (tags.isEmpty()) {
                throw new InvalidInputException(field, "no image of " + repository + " is on the engine",
                        "check the name, or build or pull " + reference + " onto this engine first");
            }
            throw new InvalidInputException(field, "'" + reference + "' is not on the engine, which has "
                    + repository + " only as " + String.join(", ", tags.subList(0, Math.min(tags.size(), 10)))
                    + (tags.size() > 10 ? ", …" : ""), "check the tag, or build or pull that tag onto this engine first");
        }
    }

    /**
     * Refuses when a container that is not ours holds a name the deploy will create: a colour's, or
     * the router's. Ours carry our labels; a stranger's would only be found at the create call.
     */
    static void requireNamesFree(DockerClient docker, DeploySpec spec) {
        for (Colour colour : Colour.values()) {
            for (int n = 1; n <= spec.replicas(); n++) {
                String name = spec.containerName(colour, n);
                inspect(docker, name).ifPresent(holder -> InvalidInputException.require(
                        isColourOf(holder, spec.app()), "app", "container name '" + name + "' is taken by a container"
                                + " that is not a colour of " + spec.app(),
                        "remove or rename that container (docker rm " + name + "), or deploy under another app name"));
            }
        }
        if (spec.router().isNginx()) {
            String router = spec.router().name();
            inspect(docker, router).ifPresent(holder -> InvalidInputException.require(
                    NginxRouter.ROLE.equals(labels(holder).get(DeployLabels.ROLE)), "router.name", "container name '" + router
                            + "' is taken by a container that is not a bluegreen router",
                    "give another router name, or remove or rename that container"));
        }
    }

    /** The nginx router's image, when the deploy is to make the router. */
    static void requireRouterImage(DockerClient docker, DeploySpec spec) {
        if (spec.router().isNginx() && inspect(docker, spec.router().name()).isEmpty()) {
            requireImage(docker, spec.router().image(), "router.image");
        }
    }

    private static boolean isColourOf(InspectContainerResponse container, String app) {
        Map<String, String> labels = labels(container);
        return app.equals(labels.get(DeployLabels.APP)) && Objects.equals(labels.get(DeployLabels.ROLE), DeployLabels.ROLE_APP);
    }

    private static Map<String, String> labels(InspectContainerResponse container) {
        Map<String, String> labels = container.getConfig() == null ? null : container.getConfig().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static Optional<InspectContainerResponse> inspect(DockerClient docker, String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The reference without its tag or digest, as the engine lists it in an image's tags. */
    private static String repositoryOf(String reference) {
        String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
