package io.jenkins.plugins.bluegreen.view;

import io.bluegreen.deploy.AppStatus;
import io.bluegreen.deploy.ContainerStatus;
import io.bluegreen.deploy.TargetStatus;
import io.bluegreen.deploy.WaitingColour;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an engine (or every engine of a hosts target) said about one app, reduced to what a cell shows.
 * Only plain values: nothing of the connection, so no credential can reach a page from here.
 */
record EngineReading(String problem, String colour, String commit, String digest, String health, List<String> drift,
                     List<String> unreadHosts, String awaiting) {

    static EngineReading unreachable(String why) {
        return new EngineReading(why, null, null, null, null, List.of(), List.of(), null);
    }

    /** Nothing could be read to stand for the target: none of its hosts answered. */
    static EngineReading notRead(String why) {
        return new EngineReading(null, null, null, null, why, List.of(), List.of(), null);
    }

    /** The same reading, plus the colour that waits for promotion beside the live one, if any. */
    EngineReading awaiting(Optional<WaitingColour> waiting) {
        return new EngineReading(problem, colour, commit, digest, health, drift, unreadHosts, waiting.map(w -> w.colour()
                + " (commit " + shortCommit(w.commit()) + ") waits for promotion until " + w.deadline() + ", then "
                + w.terms().atDeadline().label()).orElse(null));
    }

    boolean reached() {
        return problem == null;
    }

    static EngineReading of(AppStatus status) {
        List<ContainerStatus> live = status.liveContainers();
        if (live.isEmpty()) {
            return new EngineReading(null, null, null, null, "nothing live", List.of(), List.of(), null);
        }
        ContainerStatus first = live.get(0);
        return new EngineReading(null, first.colour().label(), first.commit(), first.digest(), health(live), List.of(),
                List.of(), null);
    }

    /** The majority's state stands for the target; hosts serving another commit are its drift. */
    static EngineReading of(TargetStatus status) {
        String majority = status.majorityCommit().orElse(null);
        EngineReading lead = status.hosts().stream().filter(TargetStatus.HostStatus::reached)
                .filter(host -> host.liveCommit().equals(majority)).findFirst()
                .map(host -> of(host.status())).orElse(notRead("no host could be read"));
        List<String> drift = status.drift().stream().map(host -> host.host() + " serves " + shortCommit(host.liveCommit())).toList();
        List<String> unread = status.unread().stream().map(host -> host.host() + ": " + host.problem()).toList();
        return new EngineReading(null, lead.colour, lead.commit, lead.digest, lead.health, drift, unread, null);
    }

    /** "healthy" when every live container is; otherwise each distinct state with how many containers have it. */
    private static String health(List<ContainerStatus> live) {
        return live.stream().collect(Collectors.groupingBy(ContainerStatus::health, Collectors.counting())).entrySet().stream()
                .map(state -> live.size() == 1 || state.getValue() == live.size() ? state.getKey() : state.getValue() + " " + state.getKey())
                .sorted().collect(Collectors.joining(", "));
    }

    private static String shortCommit(String commit) {
        return commit.length() > 8 ? commit.substring(0, 8) : commit;
    }
}
