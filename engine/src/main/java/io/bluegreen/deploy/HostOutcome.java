package io.bluegreen.deploy;

import java.util.Locale;

/**
 * What a rollout did on one host. {@code deploy} is the single-host result when the host was switched
 * (also kept for hosts reverted afterwards); {@code problem} says why a host failed, was skipped or
 * could not be reverted.
 */
public record HostOutcome(String host, State state, DeployResult deploy, String problem) {

    public enum State {
        /** Switched to the new version. */
        DEPLOYED,
        /** Brought up to the switch: a colour waits there for promotion, and traffic did not move. */
        WAITING,
        /** Its deploy failed; the single-host deploy left the colour that served before serving. */
        FAILED,
        /** Its engine did not answer and the plan says fail: the rollout stopped. */
        UNREACHABLE,
        /** Its engine did not answer and the plan says skip: the rollout went on without it. */
        SKIPPED,
        /**
         * Changed by this rollout, then put back after a later failure: switched back to the colour it served
         * before, or its colour waiting for promotion removed.
         */
        REVERTED,
        /** Switched by this rollout; rolling it back after a later failure failed too. */
        REVERT_FAILED,
        /** The rollout stopped before this host's wave: nothing on it was changed. */
        NOT_REACHED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    static HostOutcome notReached(String host) {
        return new HostOutcome(host, State.NOT_REACHED, null, null);
    }

    static HostOutcome waiting(String host) {
        return new HostOutcome(host, State.WAITING, null, null);
    }

    static HostOutcome deployed(String host, DeployResult deploy) {
        return new HostOutcome(host, State.DEPLOYED, deploy, null);
    }

    HostOutcome reverted(DeployResult back) {
        return new HostOutcome(host, State.REVERTED, deploy, "serves " + back.liveColour() + " again");
    }

    HostOutcome revertFailed(String why) {
        return new HostOutcome(host, State.REVERT_FAILED, deploy, why);
    }

    /** One log line, the state as {@code label}: {@code bghost2  deployed  green  commit 1a2b3c4 sha256:0123456789ab…  4.1s}. */
    String line(String label) {
        String head = String.format(Locale.ROOT, "%-16s %-13s", host, label);
        if (state == State.DEPLOYED) {
            return head + String.format(Locale.ROOT, " %-5s  commit %s %s  %.1fs", deploy.liveColour(),
                    ImageFacts.shortCommit(deploy.commit()), ImageFacts.shortDigest(deploy.digest()), deploy.total().toNanos() / 1e9);
        }
        return problem == null ? head : head + " " + firstLine(problem);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }
}
