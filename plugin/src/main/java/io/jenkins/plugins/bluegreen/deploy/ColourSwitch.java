package io.jenkins.plugins.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeployListener;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.WaveDeploy;
import io.bluegreen.deploy.swarm.SwarmBlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.Host;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.util.function.Function;

/**
 * The engine's deploy and rollback on one engine or on a Swarm manager, chosen by the target's kind,
 * so the step and the job page's rollback run the same one. A target of many hosts has no single
 * engine: its rollback goes host by host in the target's waves ({@link #rollBackInWaves}).
 */
record ColourSwitch(Function<DeploySpec, DeployResult> deploy, Function<DeploySpec, DeployResult> rollback) {

    static ColourSwitch on(ResolvedTarget target, DockerClient docker, OperatorLog log, DeployListener listener) {
        DeployTarget.Kind kind = target.kind();
        InvalidInputException.require(kind != DeployTarget.Kind.HOSTS, "target",
                "'" + target.label() + "' is a target of many hosts, which has no single engine to switch",
                "deploy the image you want live with blueGreenDeploy; it rolls out over the hosts in waves");
        if (kind == DeployTarget.Kind.SWARM) {
            SwarmBlueGreenDeploy swarm = new SwarmBlueGreenDeploy(docker, log).withListener(listener);
            return new ColourSwitch(swarm::deploy, swarm::rollback);
        }
        BlueGreenDeploy engine = new BlueGreenDeploy(docker, log).withListener(listener);
        return new ColourSwitch(engine::deploy, engine::rollback);
    }

    /**
     * Every host of the target back to the colour it served before, canary first, in the target's
     * rollout plan; a failed host stops it like a failed deploy does. The lead host's result (the
     * canary, or the first switched) stands for the whole, as it does for a rollout.
     */
    static DeployResult rollBackInWaves(ResolvedTarget target, Function<Host, DeploySpec> specFor, OperatorLog log,
                                        DeployListener listener) {
        return new WaveDeploy(target.hosts(), target.settings().rolloutPlan(), log).withListener(listener)
                .rollback(specFor).lead().orElseThrow();
    }
}
