package io.bluegreen.deploy;

import com.github.dockerjava.api.model.Container;
import io.bluegreen.health.HealthCheckSpec;
import io.bluegreen.router.Colour;
import io.bluegreen.router.NginxRouter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A colour deployed without the switch and awaiting promote or abort, as any process reads it from the
 * engine: its containers carry the promotion terms in their labels, run, are not routed to, and are
 * newer than the live colour (an older colour with the same labels is a promoted one kept as standby).
 */
public record WaitingColour(String app, Colour colour, String deployId, String image, String imageId, String digest,
                           String commit,
                           Instant deadline, PromotionTerms terms, String previewKey, int containerPort,
                           String healthCheck, List<String> containerIds, List<String> containerNames) {
    /** How the colour was proven healthy when deployed, so a promote from anywhere proves it the same way. */
    static final String HEALTH = "io.bluegreen.promotion.health";
    private static final String DOCKER_HEALTHCHECK = "docker";

    public WaitingColour {
        containerIds = List.copyOf(containerIds);
        containerNames = List.copyOf(containerNames);
    }

    static Optional<WaitingColour> find(AppContainers containers, Optional<Colour> live) {
        List<Container> all = containers.all();
        Optional<Instant> liveSince = live.flatMap(colour -> ofColour(all, colour).stream().findFirst())
                .map(WaitingColour::deployedAt);
        for (Colour colour : Colour.values()) {
            List<Container> candidates = ofColour(all, colour);
            boolean waiting = live.map(routed -> routed != colour).orElse(true)
                    && !candidates.isEmpty()
                    && candidates.stream().allMatch(c -> PromotionTerms.recordedIn(c.getLabels()))
                    && candidates.stream().anyMatch(AppContainers::isRunning)
                    && liveSince.map(since -> deployedAt(candidates.get(0)).isAfter(since)).orElse(true);
            if (waiting) {
                return Optional.of(of(candidates));
            }
        }
        return Optional.empty();
    }

    /** The label value that records {@code health}: {@code docker}, or the path and the accepted statuses. */
    static String healthLabel(HealthCheckSpec health) {
        return health.usesDockerHealthcheck() ? DOCKER_HEALTHCHECK : health.path() + " " + health.acceptedStatuses()
                .stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The health check the colour was deployed with, waiting at most {@code deadline}. */
    public HealthCheckSpec health(Duration deadline) {
        if (healthCheck.equals(DOCKER_HEALTHCHECK)) {
            return HealthCheckSpec.dockerHealthcheck().withDeadline(deadline);
        }
        String[] pathAndStatuses = healthCheck.split(" ", 2);
        return HealthCheckSpec.http(pathAndStatuses[0]).withDeadline(deadline).withAcceptedStatuses(
                Arrays.stream(pathAndStatuses[1].split(",")).map(Integer::valueOf).toArray(Integer[]::new));
    }

    /**
     * A command that shows the colour's first container through the router at {@code address:port}, as a person would
     * look; and, when the terms asked for one, the same through the preview's own port, with no Host header.
     */
    public String previewCommand(String address, int port) {
        String key = NginxRouter.previewHeader() + ": " + previewKey;
        String viaRouter = "curl -H 'Host: " + NginxRouter.previewHost(containerNames.get(0), containerPort) + "' -H '" + key
                + "' http://" + address + ":" + port + "/";
        return terms.previewPort().map(own -> viaRouter + "  or  curl -H '" + key + "' http://" + own + "/").orElse(viaRouter);
    }

    public boolean pastDeadline(Instant now) {
        return now.isAfter(deadline);
    }

    /** Does what its terms say once nobody decided by the deadline: promotes (true) or aborts (false). */
    boolean decideAtDeadline(Runnable promote, Runnable abort) {
        if (terms.atDeadline() == PromotionTerms.AtDeadline.PROMOTE) {
            promote.run();
            return true;
        }
        abort.run();
        return false;
    }

    private static WaitingColour of(List<Container> containers) {
        Map<String, String> labels = containers.get(0).getLabels();
        return new WaitingColour(labels.get(DeployLabels.APP), Colour.fromLabel(labels.get(DeployLabels.COLOUR)),
                labels.get(DeployLabels.DEPLOY_ID), labels.get(DeployLabels.IMAGE), containers.get(0).getImageId(),
                labels.get(DeployLabels.DIGEST),
                labels.get(DeployLabels.COMMIT), Instant.parse(labels.get(PromotionTerms.DEADLINE)),
                PromotionTerms.fromLabels(labels), labels.get(PromotionTerms.PREVIEW_KEY),
                Integer.parseInt(labels.get(DeployLabels.PORT)), labels.get(HEALTH),
                containers.stream().map(Container::getId).toList(),
                containers.stream().map(AppContainers::name).toList());
    }

    private static List<Container> ofColour(List<Container> all, Colour colour) {
        return all.stream().filter(c -> colour.label().equals(c.getLabels().get(DeployLabels.COLOUR))).toList();
    }

    private static Instant deployedAt(Container container) {
        return Instant.parse(container.getLabels().get(DeployLabels.DEPLOYED_AT));
    }
}
