package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.log.OperatorLog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One deploy per app per engine, across processes and machines. The lock is a container named
 * {@code bluegreen-lock-<app>} that is created and never started: the engine refuses a second
 * container with the same name (409), so taking the lock is atomic without any shared file.
 * Its labels say who holds it and since when.
 */
public final class DeployLock implements AutoCloseable {
    static final String HOLDER_HOST = "io.bluegreen.lock.host";
    static final String HOLDER_PID = "io.bluegreen.lock.pid";
    static final String HOLDER_USER = "io.bluegreen.lock.user";
    static final String SINCE = "io.bluegreen.lock.since";
    private static final Duration POLL = Duration.ofMillis(250);

    private final DockerClient docker;
    private final String name;
    private final String deployId;
    private final boolean releases;

    private DeployLock(DockerClient docker, String name, String deployId, boolean releases) {
        this.docker = docker;
        this.name = name;
        this.deployId = deployId;
        this.releases = releases;
    }

    public static String containerName(String app) {
        return "bluegreen-lock-" + app;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another holder to finish. A lock left by a
     * process of this machine that no longer runs (a killed deploy) is taken over with a log line,
     * so a rerun converges without a manual step; any other holder needs {@link #forceUnlock}.
     * A lock this process already holds for the same deploy id is re-entered: a rollout over many
     * hosts takes every host's lock up front and then runs the single-host deploy under it, and
     * only the outer holder's {@link #close()} releases it.
     */
    public static DeployLock acquire(DockerClient docker, String app, String image, String deployId,
                                     Duration wait, OperatorLog log) {
        String name = containerName(app);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        while (true) {
            try {
                docker.createContainerCmd(image).withName(name).withCmd("true")
                        .withLabels(holderLabels(app, deployId)).exec();
                return new DeployLock(docker, name, deployId, true);
            } catch (ConflictException held) {
                Optional<Map<String, String>> holder = holder(docker, app);
                if (holder.isEmpty()) {
                    continue;
                }
                if (isThisDeployOfThisProcess(holder.get(), deployId)) {
                    return new DeployLock(docker, name, deployId, false);
                }
                if (isDeadProcessOfThisMachine(holder.get())) {
                    log.warn("taking over the lock of " + app + " from a deploy that no longer runs: " + describe(holder.get()));
                    removeIfHeldBy(docker, name, holder.get().get(DeployLabels.DEPLOY_ID));
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new LockHeldException("another deploy of " + app + " holds the lock: " + describe(holder.get())
                            + "; waited " + wait.toSeconds() + " s. If that deploy is dead, run: bluegreen unlock --force " + app);
                }
                if (!announced) {
                    log.line("[" + app + "] waiting for the lock held by " + describe(holder.get()));
                    announced = true;
                }
                sleep();
            }
        }
    }

    /** The holder's labels, or empty when nobody holds the lock. */
    public static Optional<Map<String, String>> holder(DockerClient docker, String app) {
        try {
            return Optional.of(docker.inspectContainerCmd(containerName(app)).exec().getConfig().getLabels());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public static String describe(Map<String, String> holder) {
        return holder.get(HOLDER_USER) + "@" + holder.get(HOLDER_HOST) + " pid " + holder.get(HOLDER_PID)
                + " (deploy " + holder.get(DeployLabels.DEPLOY_ID) + ") since " + holder.get(SINCE);
    }

    /** Removes the lock whoever holds it; for a holder that died on another machine. */
    public static boolean forceUnlock(DockerClient docker, String app) {
        try {
            docker.removeContainerCmd(containerName(app)).withForce(true).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Releases the lock only if it is still ours (someone may have forced it meanwhile). */
    @Override
    public void close() {
        if (releases) {
            removeIfHeldBy(docker, name, deployId);
        }
    }

    private static void removeIfHeldBy(DockerClient docker, String name, String deployId) {
        try {
            String holderId = docker.inspectContainerCmd(name).exec().getConfig().getLabels().get(DeployLabels.DEPLOY_ID);
            if (deployId.equals(holderId)) {
                docker.removeContainerCmd(name).withForce(true).exec();
            }
        } catch (NotFoundException alreadyGone) {
            // released by a forced unlock or a takeover
        }
    }

    public static Map<String, String> holderLabels(String app, String deployId) {
        return Map.of(DeployLabels.ROLE, DeployLabels.ROLE_LOCK, DeployLabels.APP, app,
                DeployLabels.DEPLOY_ID, deployId, HOLDER_HOST, hostName(),
                HOLDER_PID, Long.toString(ProcessHandle.current().pid()),
                HOLDER_USER, System.getProperty("user.name", "unknown"), SINCE, Instant.now().toString());
    }

    private static boolean isThisDeployOfThisProcess(Map<String, String> holder, String deployId) {
        return deployId.equals(holder.get(DeployLabels.DEPLOY_ID)) && hostName().equals(holder.get(HOLDER_HOST))
                && Long.toString(ProcessHandle.current().pid()).equals(holder.get(HOLDER_PID));
    }

    public static boolean isDeadProcessOfThisMachine(Map<String, String> holder) {
        if (!hostName().equals(holder.get(HOLDER_HOST))) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(holder.get(HOLDER_PID))).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the deploy lock", e);
        }
    }
}
