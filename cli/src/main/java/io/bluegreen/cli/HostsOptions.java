package io.bluegreen.cli;

import io.bluegreen.targets.Host;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.targets.TlsMaterial;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The hosts of a target, in rollout order (the first is the canary); the TLS flags apply to every host. */
public final class HostsOptions {
    @Option(names = "--host", required = true, paramLabel = "[NAME=]URI",
            description = "a host's engine, e.g. web1=tcp://10.0.0.11:2376 (repeatable; NAME defaults to ADDRESS:PORT)")
    List<String> hosts = new ArrayList<>();

    @Mixin
    TlsOptions tls;

    HostsTarget target() {
        TlsMaterial material = tls.material();
        return new HostsTarget(hosts.stream().map(text -> Host.parse(text, material)).toList());
    }
}
