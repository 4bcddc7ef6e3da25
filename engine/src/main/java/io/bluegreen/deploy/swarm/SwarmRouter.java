package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.model.ContainerDNSConfig;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateOrder;
import io.bluegreen.clock.Pause;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.health.HttpAnswer;
import io.bluegreen.health.PlainHttp;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import io.bluegreen.router.RouterSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's router in a Swarm: a global nginx service {@code <app>-router} publishing its port in
 * host mode on every node, and the marker service that names the live colour (see
 * {@link SwarmRouterConfig} for why the switch moves a marker rather than the router's config).
 */
final class SwarmRouter {
    static final String ROLE_ROUTER = "router";
    static final String ROLE_MARKER = "live-marker";
    private static final Duration PROOF_PATIENCE = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MARKER_PATIENCE = Duration.ofSeconds(60);
    private static final Duration ROUTER_START_PATIENCE = Duration.ofDays(1);

    private final SwarmServices services;
    private final RouterSettings settings;
    private final String network;
    private final OperatorLog log;

    /** {@code network}: the overlay network the router, the markers and the app's colours share. */
    SwarmRouter(SwarmServices services, RouterSettings settings, String network, OperatorLog log) {
        this.services = services;
        this.settings = settings;
        this.network = network;
        this.log = log;
    }

    static String name(String app) {
        return app + "-router";
    }

    static String markerName(String app, Colour colour) {
        return SwarmRouterConfig.liveAlias(app) + "-" + colour.label();
    }

    /**
     * Creates the router when absent. A router whose settings changed is updated, which replaces its
     * task node by node: the host-mode port is free only once the old task stopped, so say so.
     */
    void prepare(String app, int appPort) {
        ServiceSpec wanted = spec(app, appPort);
        Optional<Service> existing = services.find(name(app));
        if (existing.isEmpty()) {
            services.create(wanted);
            log.line("[" + app + "] created the router service " + name(app) + " on every node, port " + settings.publishPort());
        } else if (!sameRouting(existing.get().getSpec(), wanted)) {
            log.warn("[" + app + "] the router settings changed; its tasks are replaced node by node, and a node"
                    + " refuses connections while its task restarts");
            services.update(existing.get(), wanted);
        }
    }

    /** The colour whose marker exists; when a killed switch left both, the newer one (it was proven healthy first). */
    Optional<Colour> liveColour(String app) {
        return markers(app).stream().max(Comparator.comparing(Service::getCreatedAt))
                .map(marker -> Colour.fromLabel(marker.getSpec().getLabels().get(DeployLabels.COLOUR)));
    }

    /**
     * Moves traffic to {@code colour}: its marker first, then the other's removed, so at no moment is
     * neither named; then every node's router must answer through its published port from the new
     * colour. If that proof fails the markers are put back as they were.
     */
    void switchTo(String app, Colour colour, String deployId, String probePath, Set<Integer> accepted) {
        mark(app, colour, deployId);
        services.remove(markerName(app, colour.other()));
        try {
            for (String address : services.nodeAddresses()) {
                proveServes(address, colour, probePath, accepted);
            }
        } catch (RuntimeException e) {
            mark(app, colour.other(), deployId);
            services.remove(markerName(app, colour));
            throw e;
        }
    }

    /** Removes the markers left over when both exist, keeping the live one. */
    void settle(String app) {
        liveColour(app).ifPresent(live -> services.remove(markerName(app, live.other())));
    }

    List<Service> markers(String app) {
        return services.withPrefix(SwarmRouterConfig.liveAlias(app) + "-").stream()
                .filter(service -> ROLE_MARKER.equals(service.getSpec().getLabels().get(DeployLabels.ROLE)))
                .filter(service -> app.equals(service.getSpec().getLabels().get(DeployLabels.APP)))
                .toList();
    }

    private void mark(String app, Colour colour, String deployId) {
        String marker = markerName(app, colour);
        if (services.find(marker).isEmpty()) {
            services.create(markerSpec(app, colour, deployId));
        }
        new TaskGate(services).awaitRunning(marker, 1, Duration.ofMillis(100), MARKER_PATIENCE);
    }

    private void proveServes(String address, Colour colour, String path, Set<Integer> accepted) {
        long deadline = System.nanoTime() + PROOF_PATIENCE.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                HttpAnswer answer = PlainHttp.get(address, settings.publishPort(), address, path, PROBE_TIMEOUT);
                String served = answer.header(SwarmRouterConfig.COLOUR_HEADER);
                if (colour.label().equals(served) && accepted.contains(answer.status())) {
                    return;
                }
                last = "status " + answer.status() + " from " + served;
            } catch (IOException e) {
                last = e.toString();
            }
            Pause.of(Duration.ofMillis(50));
        }
        throw new IllegalStateException("the router on " + address + ":" + settings.publishPort() + " did not serve "
                + path + " from " + colour + " within " + PROOF_PATIENCE.toSeconds() + " s; last: " + last);
    }

    private ServiceSpec spec(String app, int appPort) {
        Map<String, String> labels = Map.of(DeployLabels.ROLE, ROLE_ROUTER, DeployLabels.APP, app);
        ContainerSpec container = new ContainerSpec()
                .withImage(settings.image())
                .withCommand(SwarmRouterConfig.command(app))
                .withEnv(List.of(SwarmRouterConfig.CONFIG_ENV + "=" + SwarmRouterConfig.nginx(app, appPort, settings.directives())))
                .withLabels(labels)
                // A name or address Docker's DNS no longer knows (a marker just removed) is asked of the
                // outside resolvers; wait for them 1 s, not the 5 s x 2 tries x search domains of the default.
                .withDnsConfig(new ContainerDNSConfig().withOptions(List.of("timeout:1", "attempts:1")))
                // nginx finishes the requests it has on SIGQUIT; SIGTERM would cut them
                .withStopSignal("SIGQUIT")
                .withHealthCheck(new HealthCheck().withTest(SwarmRouterConfig.healthTest())
                        .withInterval(Duration.ofMillis(200).toNanos()).withTimeout(Duration.ofSeconds(2).toNanos())
                        .withRetries(3)
                        // a new router waits for the marker before nginx starts; Swarm must not kill it meanwhile
                        .withStartPeriod(ROUTER_START_PATIENCE.toNanos()));
        return new ServiceSpec()
                .withName(name(app))
                .withLabels(labels)
                .withTaskTemplate(new TaskSpec().withContainerSpec(container)
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network))))
                .withMode(new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions()))
                // a host-mode port cannot be bound twice on a node, so a replacement starts after the old task stops
                .withUpdateConfig(new UpdateConfig().withParallelism(1L).withOrder(UpdateOrder.STOP_FIRST))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR)
                        .withPorts(List.of(new PortConfig().withProtocol(PortConfigProtocol.TCP)
                                .withPublishMode(PortConfig.PublishMode.host)
                                .withPublishedPort(settings.publishPort())
                                .withTargetPort(SwarmRouterConfig.LISTEN_PORT))));
    }

    /** A task that only holds the alias {@code <app>-live}; its name tells the routers the colour. */
    private ServiceSpec markerSpec(String app, Colour colour, String deployId) {
        Map<String, String> labels = Map.of(DeployLabels.ROLE, ROLE_MARKER, DeployLabels.APP, app,
                DeployLabels.COLOUR, colour.label(), DeployLabels.DEPLOY_ID, deployId,
                DeployLabels.DEPLOYED_AT, Instant.now().toString());
        return new ServiceSpec()
                .withName(markerName(app, colour))
                .withLabels(labels)
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new ContainerSpec().withImage(settings.image()).withInit(true)
                                .withCommand(List.of("sleep", "2147483647")).withLabels(labels))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(network)
                                .withAliases(List.of(SwarmRouterConfig.liveAlias(app))))))
                .withMode(ColourServiceSpec.replicas(1))
                .withEndpointSpec(new EndpointSpec().withMode(EndpointResolutionMode.DNSRR));
    }

    private static boolean sameRouting(ServiceSpec current, ServiceSpec wanted) {
        ContainerSpec have = current.getTaskTemplate().getContainerSpec();
        ContainerSpec want = wanted.getTaskTemplate().getContainerSpec();
        return have.getImage().startsWith(want.getImage()) && have.getEnv().equals(want.getEnv())
                && have.getCommand().equals(want.getCommand())
                && current.getEndpointSpec().getPorts().get(0).getPublishedPort()
                        == wanted.getEndpointSpec().getPorts().get(0).getPublishedPort();
    }
}
