package io.bluegreen.deploy;

import java.time.Duration;
import java.util.List;

/** What a rollout over many hosts did: one outcome per host in the target's order, and how long each wave took. */
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

    public HostOutcome host(String name) {
        return hosts.stream().filter(outcome -> outcome.host().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a host of this rollout"));
    }

    public List<String> hostsIn(HostOutcome.State state) {
        return hosts.stream().filter(outcome -> outcome.state() == state).map(HostOutcome::host).toList();
    }
}
