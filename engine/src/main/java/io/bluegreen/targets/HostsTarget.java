package io.bluegreen.targets;

import io.bluegreen.validation.InvalidInputException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A target of many Docker engines, in the operator's order (the first host is the canary). Each
 * host keeps its own containers, router and lock; nothing is shared between them but the registry.
 */
public record HostsTarget(List<Host> hosts) {

    public HostsTarget {
        InvalidInputException.require(hosts != null && !hosts.isEmpty(), "hosts", "no host was given",
                "give at least one host, e.g. --host tcp://10.0.0.11:2376");
        Set<String> names = new HashSet<>();
        Set<String> engines = new HashSet<>();
        for (Host host : hosts) {
            InvalidInputException.require(names.add(host.name()), "hosts", "host name '" + host.name() + "' is given twice",
                    "give each host once, with a name of its own");
            InvalidInputException.require(engines.add(host.engine().uri().toString()), "hosts",
                    "engine " + host.engine().uri() + " is given twice", "give each engine once");
        }
        hosts = List.copyOf(hosts);
    }

    public static HostsTarget of(Host... hosts) {
        return new HostsTarget(List.of(hosts));
    }

    public static HostsTarget ofEngines(List<EngineEndpoint> engines) {
        return new HostsTarget(engines.stream().map(Host::of).toList());
    }

    /** The hosts of one group, e.g. only the web servers. */
    public HostsTarget inGroup(String group) {
        List<Host> members = hosts.stream().filter(host -> host.groups().contains(group)).toList();
        InvalidInputException.require(!members.isEmpty(), "group", "no host is in group '" + group + "'",
                "name a group the target's hosts belong to");
        return new HostsTarget(members);
    }

    /**
     * The order in which locks are taken: the same for every deploy of this target, so two deploys
     * that share hosts always meet at the first shared lock instead of each holding one the other needs.
     */
    public List<Host> inLockOrder() {
        return hosts.stream().sorted(Comparator.comparing(Host::name)).toList();
    }

    public int size() {
        return hosts.size();
    }
}
