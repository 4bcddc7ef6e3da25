package io.bluegreen.deploy.swarm;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import io.bluegreen.clock.Pause;
import io.bluegreen.deploy.DeployLabels;
import io.bluegreen.deploy.DeployLock;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.lock.LockHeldException;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One deploy per app per Swarm, across processes and machines: a service named
 * {@code bluegreen-lock-<app>} with no replicas. The manager refuses a second service of the same
 * name (its store is the Swarm's raft log, so this holds for every manager), so taking the lock is
 * atomic. Its labels say who holds it and since when, as the single-host lock's do. (A Docker
 * config would be as atomic, but docker-java does not read back a config's labels.)
 */
final class SwarmLock implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(250);

    private final SwarmServices services;
    private final String name;
    private final String deployId;

    private SwarmLock(SwarmServices services, String name, String deployId) {
        this.services = services;
        this.name = name;
        this.deployId = deployId;
    }

    static String serviceName(String app) {
        return DeployLock.containerName(app);
    }

    /**
     * Takes the lock, waiting up to {@code wait}. A lock of a dead process of this machine (a killed
     * deploy) is taken over with a warning; any other holder needs {@link #forceUnlock}.
     */
    static SwarmLock acquire(SwarmServices services, String app, String image, String deployId, Duration wait,
                             OperatorLog log) {
        String name = serviceName(app);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        while (true) {
            try {
                services.create(new ServiceSpec().withName(name)
                        .withLabels(DeployLock.holderLabels(app, deployId))
                        .withTaskTemplate(new TaskSpec().withContainerSpec(new ContainerSpec().withImage(image)))
                        .withMode(ColourServiceSpec.replicas(0)));
                return new SwarmLock(services, name, deployId);
            } catch (ConflictException held) {
                Optional<Map<String, String>> holder = holder(services, app);
                if (holder.isEmpty()) {
                    continue;
                }
                if (EngineLock.isDeadProcessOfThisMachine(holder.get())) {
                    log.warn("taking over the lock of " + app + " from a deploy that no longer runs: " + EngineLock.describe(holder.get()));
                    removeIfHeldBy(services, name, holder.get().get(DeployLabels.DEPLOY_ID));
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new LockHeldException("another deploy of " + app + " holds the Swarm lock: " + EngineLock.describe(holder.get())
                            + "; waited " + wait.toSeconds() + " s. If that deploy is dead, remove the service " + name);
                }
                if (!announced) {
                    log.line("[" + app + "] waiting for the lock held by " + EngineLock.describe(holder.get()));
                    announced = true;
                }
                Pause.of(POLL);
            }
        }
    }

    static Optional<Map<String, String>> holder(SwarmServices services, String app) {
        return services.find(serviceName(app)).map(service -> service.getSpec().getLabels());
    }

    static boolean forceUnlock(SwarmServices services, String app) {
        boolean held = services.find(serviceName(app)).isPresent();
        services.remove(serviceName(app));
        return held;
    }

    /** Releases the lock only if it is still ours (someone may have forced it meanwhile). */
    @Override
    public void close() {
        removeIfHeldBy(services, name, deployId);
    }

    private static void removeIfHeldBy(SwarmServices services, String name, String deployId) {
        Optional<Service> lock = services.find(name);
        if (lock.isPresent() && deployId.equals(lock.get().getSpec().getLabels().get(DeployLabels.DEPLOY_ID))) {
            services.remove(name);
        }
    }
}
