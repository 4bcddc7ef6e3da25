package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.router.Colour;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One colour of an app as a Swarm service {@code <app>-<colour>}: the deploy settings turned into
 * replicas, resources, restart and update policy and health check, on the app's overlay network,
 * resolved by DNS round robin (this Swarm may have no IPVS for virtual IPs). Its labels are the
 * deploy's state, as container labels are on one host.
 */
final class ColourServiceSpec {
    /** How many tasks the colour runs, so a rollback scales a kept colour back to its own size. */
    static final String REPLICAS_LABEL = "io.bluegreen.replicas";
    private ColourServiceSpec() {
    }

    static String name(String app, Colour colour) {
        return app + "-" + colour.label();
    }

    /** {@code pinnedImage}: the spec's image with the digest every node must run. */
    static ServiceSpec of(DeploySpec spec, String pinnedImage, Colour colour, String deployId, String commit, Optional<String> previousImage) {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.put(DeployLabels.ROLE, DeployLabels.ROLE_APP);
        labels.put(DeployLabels.APP, spec.app());
        labels.put(DeployLabels.COLOUR, colour.label());
        labels.put(DeployLabels.IMAGE, spec.image());
        labels.put(DeployLabels.COMMIT, commit);
        labels.put(DeployLabels.DEPLOY_ID, deployId);
        labels.put(DeployLabels.DEPLOYED_AT, Instant.now().toString());
        labels.put(DeployLabels.PORT, Integer.toString(spec.containerPort()));
        labels.put(REPLICAS_LABEL, Integer.toString(spec.replicas()));
        previousImage.ifPresent(image -> labels.put(DeployLabels.PREVIOUS_IMAGE, image));

        ContainerSpec container = new ContainerSpec()
                .withImage(pinnedImage)
                .withEnv(spec.env())
                .withLabels(labels)
                .withMounts(spec.binds().stream().map(ColourServiceSpec::mount).toList())
                .withStopGracePeriod(spec.stopTimeout().toNanos());
        SwarmHealthCheck.of(spec.health(), spec.containerPort()).ifPresent(container::withHealthCheck);
        return new ServiceSpec()
                .withName(name(spec.app(), colour))
                .withLabels(labels)
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(container)
                        .withResources(new ResourceRequirements().withLimits(limits(spec)))
                        .withRestartPolicy(restartPolicy(spec.restartPolicy()))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(spec.swarmNetwork()))))
                .withMode(replicas(spec.replicas()))
                .withUpdateConfig(new UpdateConfig().withParallelism(1L).withOrder(UpdateOrder.START_FIRST)
                        .withFailureAction(UpdateFailureAction.PAUSE))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR));
    }

    static ServiceModeConfig replicas(int replicas) {
        return new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(replicas));
    }

    private static ResourceSpecs limits(DeploySpec spec) {
        ResourceSpecs limits = new ResourceSpecs();
        if (spec.memoryBytes() != null) {
            limits.withMemoryBytes(spec.memoryBytes());
        }
        if (spec.nanoCpus() != null) {
            limits.withNanoCPUs(spec.nanoCpus());
        }
        return limits;
    }

    /** Docker's container policies in Swarm's words; "always" and "unless-stopped" both mean restart on any exit. */
    private static ServiceRestartPolicy restartPolicy(RestartPolicy policy) {
        return switch (policy.getName()) {
            case "no", "" -> new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE);
            case "on-failure" -> {
                ServiceRestartPolicy onFailure = new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ON_FAILURE);
                Integer attempts = policy.getMaximumRetryCount();
                yield attempts == null || attempts == 0 ? onFailure : onFailure.withMaxAttempts(attempts.longValue());
            }
            default -> new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ANY);
        };
    }

    /** A host path must exist on every node the Swarm may place a task on; a named volume is made per node. */
    private static Mount mount(Bind bind) {
        boolean hostPath = bind.getPath().startsWith("/");
        return new Mount().withType(hostPath ? MountType.BIND : MountType.VOLUME)
                .withSource(bind.getPath())
                .withTarget(bind.getVolume().getPath())
                .withReadOnly(bind.getAccessMode() == com.github.dockerjava.api.model.AccessMode.ro);
    }
}
