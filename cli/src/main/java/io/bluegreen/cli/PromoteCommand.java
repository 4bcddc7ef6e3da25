package io.bluegreen.cli;

import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.LiveImage;
import io.bluegreen.deploy.RolloutPlan;
import io.bluegreen.deploy.Target;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.TlsMaterial;
import io.bluegreen.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Switch APP to its colour waiting after 'deploy --no-switch': pre-checks on the preview, the switch,"
                + " post-checks on the live router (a failure switches back), then drain and stop the old colour."
                + " With --from-engine (or --from-host): deploy to this target exactly the image (by digest) APP runs live"
                + " on that one, of any kind.")
public final class PromoteCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Mixin
    RegistryOptions registry;

    @Mixin
    PlanOptions plan;

    @Option(names = "--from-engine", paramLabel = "URI", description = "the target to promote from, e.g. staging's"
            + " engine tcp://staging:2376 (same --tls-* files as --engine)")
    String fromEngine;

    @Option(names = "--from-swarm", description = "with --from-engine: that engine is a Swarm manager")
    boolean fromSwarm;

    @Option(names = "--from-host", paramLabel = "[NAME=]URI", description = "instead of --from-engine: one host of a"
            + " target of many to promote from (repeatable); every host must run the same image live")
    List<String> fromHosts = new ArrayList<>();

    @Option(names = "--from-router", paramLabel = "ADDRESS:PORT", description = "with --from-engine: where this machine"
            + " reaches that target's router, which says which colour is live (default: --reach and the --publish port)")
    String fromRouter;

    @Option(names = "--from-app", paramLabel = "NAME", description = "with --from-engine: the app there (default: APP)")
    String fromApp;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        DeploySpec own = spec.spec(null);
        boolean fromAnywhere = fromEngine != null || !fromHosts.isEmpty();
        InvalidInputException.require(fromAnywhere || (fromRouter == null && fromApp == null && !fromSwarm), "fromEngine",
                "--from-router, --from-app and --from-swarm say where to promote from", "add --from-engine (or --from-host), or leave them out");
        InvalidInputException.require(fromEngine == null || fromHosts.isEmpty(), "fromEngine",
                "--from-engine and --from-host both say where to promote from", "give one engine, or the hosts of many");
        own.validateSettings();
        RouterSettings source = sourceRouter(own.router());
        try (Target promoteOn = target.open(log, plan).withListener(notify.notifications(log))
                .pullingWith(registry.credentials())) {
            if (!fromAnywhere) {
                promoteOn.promote(own);
                return 0;
            }
            LiveImage tested = testedOn(source, fromApp == null ? own.app() : fromApp, log);
            tested.announce(own.app(), log);
            promoteOn.deploySameAs(tested, own);
            return 0;
        }
    }

    /** The image the app runs live on the target promoted from, of any kind, read before anything here changes. */
    private LiveImage testedOn(RouterSettings router, String app, OperatorLog log) {
        TlsMaterial tls = target.engine.tls.material();
        try (Target source = fromHosts.isEmpty() ? TargetOptions.open(EngineEndpoint.of(fromEngine, tls), fromSwarm, log)
                : TargetOptions.open(fromHosts, tls, RolloutPlan.defaults(), log)) {
            return source.liveImage(app, router);
        }
    }

    private RouterSettings sourceRouter(RouterSettings own) {
        if (fromRouter == null) {
            return own;
        }
        int colon = fromRouter.lastIndexOf(':');
        InvalidInputException.require(colon > 0 && fromRouter.substring(colon + 1).matches("\\d{1,5}"), "fromRouter",
                "'" + fromRouter + "' is not ADDRESS:PORT", "give where the source router answers, e.g. 10.0.0.5:80");
        // A copy: the settings given are this target's own, and the deploy here still needs them as they are.
        return own.reachedAt(fromRouter.substring(0, colon))
                .withPublish(own.publishAddress(), Integer.parseInt(fromRouter.substring(colon + 1)));
    }
}
