package io.jenkins.plugins.bluegreen.deploy;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.deploy.BlueGreenDeploy;
import io.bluegreen.deploy.DeployListener;
import io.bluegreen.deploy.DeployResult;
import io.bluegreen.deploy.DeploySpec;
import io.bluegreen.deploy.swarm.SwarmBlueGreenDeploy;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.validation.InvalidInputException;
import io.jenkins.plugins.bluegreen.targets.DeployTarget;
import io.jenkins.plugins.bluegreen.targets.ResolvedTarget;
import java.util.function.Function;

/**
 * The engine's deploy and rollback on one engine or on a Swarm manager, chosen by the target's kind,
 * so the step and the job page's rollback run the same one.
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
}
