package io.bluegreen.cli;

import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.LiveImage;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.router.RouterSettings;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.validation.InvalidInputException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Switch APP to its colour waiting after 'deploy --no-switch': pre-checks on the preview, the switch,"
                + " post-checks on the live router (a failure switches back), then drain and stop the old colour."
                + " With --from-engine: deploy to this target exactly the image (by digest) APP runs live on that one.")
public final class PromoteCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    SpecOptions spec;

    @Mixin
    NotifyOptions notify;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--from-engine", paramLabel = "URI", description = "the target to promote from, e.g. staging's"
            + " engine tcp://staging:2376 (same --tls-* files as --engine)")
    String fromEngine;

    @Option(names = "--from-router", paramLabel = "ADDRESS:PORT", description = "with --from-engine: where this machine"
            + " reaches that target's router, which says which colour is live (default: --reach and the --publish port)")
    String fromRouter;

    @Option(names = "--from-app", paramLabel = "NAME", description = "with --from-engine: the app there (default: APP)")
    String fromApp;

    @Override
    public Integer call() {
        OperatorLog log = OperatorLog.to(System.out);
        DeploySpec target = spec.spec(null);
        InvalidInputException.require(fromEngine != null || (fromRouter == null && fromApp == null), "fromEngine",
                "--from-router and --from-app name where to promote from", "add --from-engine, or leave them out");
        target.validateSettings();
        RouterSettings source = sourceRouter(target.router());
        BlueGreenDeploy deployer = new BlueGreenDeploy(engine.connect(log), log).withListener(notify.notifications(log));
        if (fromEngine == null) {
            deployer.promote(target);
            return 0;
        }
        LiveImage tested = LiveImage.of(EngineConnector.connect(EngineEndpoint.of(fromEngine, engine.tls.material()), log),
                fromEngine, fromApp == null ? target.app() : fromApp, source);
        tested.announce(target.app(), log);
        deployer.deploySameAs(tested, target, registry.credentials());
        return 0;
    }

    private RouterSettings sourceRouter(RouterSettings own) {
        if (fromRouter == null) {
            return own;
        }
        int colon = fromRouter.lastIndexOf(':');
        InvalidInputException.require(colon > 0 && fromRouter.substring(colon + 1).matches("\\d{1,5}"), "fromRouter",
                "'" + fromRouter + "' is not ADDRESS:PORT", "give where the source router answers, e.g. 10.0.0.5:80");
        return own.withPublish(own.publishAddress(), Integer.parseInt(fromRouter.substring(colon + 1)))
                .withReachAddress(fromRouter.substring(0, colon));
    }
}
