package io.bluegreen.deploy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An app's state on every host of a target, read from each engine. Drift is a host whose live commit
 * differs from the one most hosts serve: a host skipped while unreachable, a rollout left half-way.
 * Hosts that could not be read are listed with the reason, never counted as agreeing.
 */
public record TargetStatus(String app, List<HostStatus> hosts) {
    /** Live commit of a host whose router sends the app no traffic. */
    public static final String NOTHING_LIVE = "none";

    /** One host: its status when it could be read, otherwise why not. */
    public record HostStatus(String host, AppStatus status, String problem) {

        public boolean reached() {
            return status != null;
        }

        public String liveCommit() {
            return status.liveContainers().stream().findFirst().map(ContainerStatus::commit).orElse(NOTHING_LIVE);
        }
    }

    /** The commit most reached hosts serve; ties go to the commit of the host listed first. */
    public Optional<String> majorityCommit() {
        List<String> commits = reached().stream().map(HostStatus::liveCommit).toList();
        Map<String, Long> counts = commits.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return commits.stream().max(Comparator.comparing(counts::get).thenComparing(commit -> -commits.indexOf(commit)));
    }

    /** Reached hosts whose live commit is not the majority's. */
    public List<HostStatus> drift() {
        String majority = majorityCommit().orElse(NOTHING_LIVE);
        return reached().stream().filter(host -> !host.liveCommit().equals(majority)).toList();
    }

    public List<HostStatus> unread() {
        return hosts.stream().filter(host -> !host.reached()).toList();
    }

    public HostStatus host(String name) {
        return hosts.stream().filter(host -> host.host().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not a host of this target"));
    }

    private List<HostStatus> reached() {
        return hosts.stream().filter(HostStatus::reached).toList();
    }
}
