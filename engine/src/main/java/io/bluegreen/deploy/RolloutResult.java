package io.bluegreen.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a change of a target did: one outcome per host in the target's order, and how long each wave took.
 * One engine, or a Swarm, is a target of one host changed in one wave ({@link #ofOne}).
 */
public record RolloutResult(String app, String deployId, Status status, List<HostOutcome> hosts,
                            List<Duration> waveDurations, Duration total) {

    public enum Status {
        /** Every host serves the new version. */
        COMPLETE,
        /** Every reachable host serves the new version; the skipped ones were unreachable and still need it. */
        COMPLETE_EXCEPT_SKIPPED,
        /** A host failed or was unreachable, and the rollout stopped; see each host's state. */
        STOPPED
    }

    /** The change of a target of one, which either put {@code result} live or threw. */
    public static RolloutResult ofOne(String host, DeployResult result) {
        return new RolloutResult(result.app(), result.deployId(), Status.COMPLETE, List.of(HostOutcome.deployed(host, result)),
                List.of(result.total()), result.total());
    }

    public HostOutcome host(String name) {
        return hosts.stream().filter(outcome -> outcome.host().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a host of this rollout"));
    }

    /** The deploy that stands for the whole: the first host switched, which is the canary unless it was skipped. */
    public Optional<DeployResult> lead() {
        return hosts.stream().filter(outcome -> outcome.state() == HostOutcome.State.DEPLOYED).map(HostOutcome::deploy).findFirst();
    }

    public List<String> hostsIn(HostOutcome.State state) {
        return hosts.stream().filter(outcome -> outcome.state() == state).map(HostOutcome::host).toList();
    }
}
