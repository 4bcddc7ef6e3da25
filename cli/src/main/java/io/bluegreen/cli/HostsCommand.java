package io.bluegreen.cli;

import io.bluegreen.deploy.TargetInspector;
import io.bluegreen.deploy.TargetStatus;
import io.bluegreen.deploy.WaveDeploy;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.Colour;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bluegreen hosts deploy|rollback|status|history}: the single-host commands over a target of many
 * hosts. Each host's router is reached at the host's own address, so --reach does not apply.
 */
@Command(name = "hosts", mixinStandardHelpOptions = true,
        description = "Deploy to many hosts in waves (canary first), roll back the same way, and read status, history and drift from all of them.",
        subcommands = {HostsCommand.Deploy.class, HostsCommand.Rollback.class, HostsCommand.Status.class, HostsCommand.History.class})
public final class HostsCommand {

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Blue-green deploy IMAGE to every --host: a canary, then waves; stop and revert on failure.")
    static final class Deploy implements Callable<Integer> {
        @Mixin
        HostsOptions hosts;

        @Mixin
        SpecOptions spec;

        @Mixin
        ReleaseOptions release;

        @Mixin
        PlanOptions plan;

        @Mixin
        NotifyOptions notify;

        @Override
        public Integer call() {
            OperatorLog log = OperatorLog.to(System.out);
            new WaveDeploy(hosts.target(), plan.plan(), log).withListener(notify.notifications(log))
                    .deploy(host -> release.spec(spec).withRouter(spec.app.router().withReachAddress(host.address())));
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Switch APP on every --host back to the colour it served before, in the same waves as a deploy.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        HostsOptions hosts;

        @Mixin
        SpecOptions spec;

        @Mixin
        PlanOptions plan;

        @Mixin
        NotifyOptions notify;

        @Override
        public Integer call() {
            OperatorLog log = OperatorLog.to(System.out);
            new WaveDeploy(hosts.target(), plan.plan(), log).withListener(notify.notifications(log).asRollback())
                    .rollback(host -> spec.spec(null).withRouter(spec.app.router().withReachAddress(host.address())));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "APP's live colour and commit on every --host, and the hosts that drift from the majority.")
    static final class Status extends Reading {
        @Override
        public Integer call() {
            TargetStatus status = read();
            for (TargetStatus.HostStatus host : status.hosts()) {
                System.out.println(host.host() + ": " + (host.reached()
                        ? "live " + host.status().live().map(Colour::label).orElse("none") + "  commit " + host.liveCommit()
                                + host.status().liveContainers().stream().findFirst()
                                        .map(c -> "  " + c.digest() + "  deploy " + c.deployId() + "  since " + c.deployedAt()).orElse("")
                                + host.status().lockHolder().map(holder -> "  locked by " + holder).orElse("")
                        : "NOT READ: " + host.problem()));
            }
            System.out.println(status.drift().isEmpty()
                    ? "no drift: every host read serves commit " + status.majorityCommit().orElse(TargetStatus.NOTHING_LIVE)
                    : "DRIFT from commit " + status.majorityCommit().orElseThrow() + ": " + String.join(", ",
                            status.drift().stream().map(h -> h.host() + " serves " + h.liveCommit()).toList()));
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "The deploys of APP each --host still holds, newest first.")
    static final class History extends Reading {
        @Override
        public Integer call() {
            for (TargetStatus.HostStatus host : read().hosts()) {
                System.out.println(host.host() + (host.reached() ? ":" : ": NOT READ: " + host.problem()));
                if (host.reached()) {
                    StatusCommand.print(host.status().history());
                }
            }
            return 0;
        }
    }

    /** What status and history share: the hosts, the app, and reading it from every host. */
    abstract static class Reading implements Callable<Integer> {
        @Mixin
        HostsOptions hosts;

        @Mixin
        AppOptions app;

        TargetStatus read() {
            return new TargetInspector(hosts.target(), OperatorLog.to(System.err))
                    .status(app.app, host -> app.router().withReachAddress(host.address()));
        }
    }
}
