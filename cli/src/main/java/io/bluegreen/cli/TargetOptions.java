package io.bluegreen.cli;

import com.github.dockerjava.api.DockerClient;
import io.bluegreen.deploy.EngineTarget;
import io.bluegreen.deploy.ManyHostsTarget;
import io.bluegreen.deploy.RolloutPlan;
import io.bluegreen.deploy.Target;
import io.bluegreen.deploy.swarm.SwarmTarget;
import io.bluegreen.log.OperatorLog;
import io.bluegreen.targets.EngineConnector;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.targets.TlsMaterial;
import io.bluegreen.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a command works, of any kind: one engine (--engine, or DOCKER_HOST), a Swarm through one of its
 * managers (--engine with --swarm), or many hosts in waves (--host, once per host). Every command that
 * deploys or reads an app takes these, so each works on every kind.
 */
public final class TargetOptions {
    @Mixin
    EngineOptions engine;

    @Option(names = "--host", paramLabel = "[NAME=]URI", description = "instead of --engine, one host of many, e.g."
            + " web1=tcp://10.0.0.11:2376 (repeatable, in rollout order: the first is the canary; NAME defaults to"
            + " ADDRESS:PORT). Each host's router is reached at the host's own address, so --reach does not apply")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--swarm", description = "--engine is a Swarm manager: each colour is a service, the router a global"
            + " nginx service publishing on every node")
    boolean swarm;

    /** Connects to the target; {@code plan} says how a change goes over many hosts (null: the default plan). */
    Target open(OperatorLog log, PlanOptions plan) {
        InvalidInputException.require(hosts.isEmpty() || (engine.engine == null && !swarm), "host",
                "--host and " + (swarm ? "--swarm" : "--engine") + " both say where to work",
                "give --host once for each of many hosts, or --engine for one engine (with --swarm for a Swarm manager)");
        return hosts.isEmpty() ? open(engine.endpoint(), swarm, log)
                : open(hosts, engine.tls.material(), plan == null ? RolloutPlan.defaults() : plan.plan(), log);
    }

    /** A target of many hosts, each given as {@code [NAME=]URI}, all reached with the same TLS files. */
    static Target open(List<String> hosts, TlsMaterial tls, RolloutPlan plan, OperatorLog log) {
        HostsTarget target = new HostsTarget(hosts.stream().map(text -> Host.parse(text, tls)).toList());
        return new ManyHostsTarget(target.size() + " hosts", target, plan, log);
    }

    /** One engine, or the Swarm it manages. */
    static Target open(EngineEndpoint endpoint, boolean swarm, OperatorLog log) {
        DockerClient docker = EngineConnector.connect(endpoint, log);
        return swarm ? new SwarmTarget(docker, endpoint.label(), log) : new EngineTarget(docker, endpoint.label(), log);
    }
}
