package io.bluegreen.lock;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.bluegreen.clock.Pause;
import io.bluegreen.log.OperatorLog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lock held in the engine itself, across processes and machines: a container of a fixed name that
 * is created and never started. The engine refuses a second container with the same name (409), so
 * taking the lock is atomic without any shared file. Its labels say who holds it and since when.
 * An app's deploy lock and a router's config lock are both this.
 */
public final class EngineLock implements AutoCloseable {
    /** Same key as a deploy's containers carry, so a lock and what its deploy made are found together. */
    public static final String HOLDER_ID = "io.bluegreen.deploy-id";
    static final String HOLDER_HOST = "io.bluegreen.lock.host";
    static final String HOLDER_PID = "io.bluegreen.lock.pid";
    static final String HOLDER_USER = "io.bluegreen.lock.user";
    static final String SINCE = "io.bluegreen.lock.since";
    private static final Duration POLL = Duration.ofMillis(50);

    private final DockerClient docker;
    private final String name;
    private final String holderId;
    private final boolean releases;

    private EngineLock(DockerClient docker, String name, String holderId, boolean releases) {
        this.docker = docker;
        this.name = name;
        this.holderId = holderId;
        this.releases = releases;
    }

    /**
     * Takes the lock named {@code name}, waiting up to {@code wait} for another holder to finish. A lock
     * left by a process of this machine that no longer runs (a killed deploy) is taken over with a
     * warning, so a rerun converges without a manual step; any other holder needs {@link #forceUnlock}.
     * A lock this process already holds under the same {@code holderId} is re-entered, and only the
     * outer holder's {@link #close()} releases it.
     *
     * @param what   the lock in words, for messages: "the lock of shop-web"
     * @param labels more labels for the lock container (what it locks)
     * @param image  an image present on the engine; the container is never started
     * @param unlock the command that clears the lock by hand, for the message when waiting did not help
     */
    public static EngineLock acquire(DockerClient docker, String name, String what, Map<String, String> labels,
                                     String image, String holderId, Duration wait, String unlock, OperatorLog log) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        while (true) {
            try {
                docker.createContainerCmd(image).withName(name).withCmd("true")
                        .withLabels(holderLabels(labels, holderId)).exec();
                return new EngineLock(docker, name, holderId, true);
            } catch (ConflictException held) {
                Optional<Map<String, String>> holder = holder(docker, name);
                if (holder.isEmpty()) {
                    continue;
                }
                if (isThisHolderOfThisProcess(holder.get(), holderId)) {
                    return new EngineLock(docker, name, holderId, false);
                }
                if (isDeadProcessOfThisMachine(holder.get())) {
                    log.warn("taking over " + what + " from a deploy that no longer runs: " + describe(holder.get()));
                    removeIfHeldBy(docker, name, holder.get().get(HOLDER_ID));
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new LockHeldException("another deploy holds " + what + ": " + describe(holder.get())
                            + "; waited " + wait.toSeconds() + " s. If that deploy is dead, run: " + unlock);
                }
                if (!announced) {
                    log.line("waiting for " + what + ", held by " + describe(holder.get()));
                    announced = true;
                }
                Pause.of(POLL);
            }
        }
    }

    /** The holder's labels, or empty when nobody holds the lock. */
    public static Optional<Map<String, String>> holder(DockerClient docker, String name) {
        try {
            return Optional.of(docker.inspectContainerCmd(name).exec().getConfig().getLabels());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    public static String describe(Map<String, String> holder) {
        return holder.get(HOLDER_USER) + "@" + holder.get(HOLDER_HOST) + " pid " + holder.get(HOLDER_PID)
                + " (deploy " + holder.get(HOLDER_ID) + ") since " + holder.get(SINCE);
    }

    /** Removes the lock whoever holds it; for a holder that died on another machine. */
    public static boolean forceUnlock(DockerClient docker, String name) {
        try {
            docker.removeContainerCmd(name).withForce(true).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Releases the lock only if it is still ours (someone may have forced it meanwhile). */
    @Override
    public void close() {
        if (releases) {
            removeIfHeldBy(docker, name, holderId);
        }
    }

    private static void removeIfHeldBy(DockerClient docker, String name, String holderId) {
        if (holder(docker, name).map(labels -> holderId.equals(labels.get(HOLDER_ID))).orElse(false)) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (NotFoundException alreadyGone) {
                // released by a forced unlock or a takeover meanwhile
            }
        }
    }

    /** Who holds a lock: this machine, this process, this user, since now, under {@code holderId}. */
    public static Map<String, String> holderLabels(Map<String, String> labels, String holderId) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(HOLDER_ID, holderId);
        all.put(HOLDER_HOST, hostName());
        all.put(HOLDER_PID, Long.toString(ProcessHandle.current().pid()));
        all.put(HOLDER_USER, System.getProperty("user.name", "unknown"));
        all.put(SINCE, Instant.now().toString());
        return all;
    }

    private static boolean isThisHolderOfThisProcess(Map<String, String> holder, String holderId) {
        return holderId.equals(holder.get(HOLDER_ID)) && hostName().equals(holder.get(HOLDER_HOST))
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

}
