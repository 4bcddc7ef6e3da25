package io.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.lock.EngineLock;
import io.bluegreen.log.OperatorLog;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One deploy per app per engine, across processes and machines: an {@link EngineLock} named
 * {@code bluegreen-lock-<app>}. A rollout over many hosts takes every host's lock up front under one
 * deploy id and then runs the single-host deploy under it, which re-enters the lock.
 */
public final class DeployLock {

    private DeployLock() {
    }

    public static String containerName(String app) {
        return "bluegreen-lock-" + app;
    }

    public static EngineLock acquire(DockerClient docker, String app, String image, String deployId,
                                     Duration wait, OperatorLog log) {
        return EngineLock.acquire(docker, containerName(app), "the lock of " + app, appLabels(app), image, deployId,
                wait, "bluegreen unlock --force " + app, log);
    }

    /** The holder's labels, or empty when nobody holds the lock. */
    public static Optional<Map<String, String>> holder(DockerClient docker, String app) {
        return EngineLock.holder(docker, containerName(app));
    }

    public static boolean forceUnlock(DockerClient docker, String app) {
        return EngineLock.forceUnlock(docker, containerName(app));
    }

    public static Map<String, String> holderLabels(String app, String deployId) {
        return EngineLock.holderLabels(appLabels(app), deployId);
    }

    private static Map<String, String> appLabels(String app) {
        return Map.of(DeployLabels.ROLE, DeployLabels.ROLE_LOCK, DeployLabels.APP, app);
    }
}
