package io.bluegreen.targets;

import io.bluegreen.validation.InvalidInputException;
import java.util.Set;

/**
 * One machine of a target: a name for log lines and locks, its engine, and the groups it belongs to
 * (web, worker) so a deploy can address part of a target.
 */
public record Host(String name, EngineEndpoint engine, Set<String> groups) {
    private static final String NAME_GRAMMAR = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}";

    public Host {
        InvalidInputException.require(name != null && name.matches(NAME_GRAMMAR), "host.name",
                "'" + name + "' is not a host name", "use letters, digits, '.', '-', '_' and ':'");
        InvalidInputException.require(engine != null, "host.engine", "is missing for host " + name,
                "give tcp://HOST:2376 with TLS");
        groups = Set.copyOf(groups);
    }

    /** {@code [NAME=]URI}, as operators write hosts on a command line or in a form; the name defaults to the address. */
    public static Host parse(String text, TlsMaterial tls) {
        int equals = text.indexOf('=');
        EngineEndpoint engine = EngineEndpoint.of(text.substring(equals + 1).strip(), tls);
        return equals < 0 ? of(engine) : new Host(text.substring(0, equals).strip(), engine, Set.of());
    }

    /** A host named after its engine's address, in no group. */
    public static Host of(EngineEndpoint engine) {
        return new Host(engine.label(), engine, Set.of());
    }

    public Host inGroups(String... groupNames) {
        return new Host(name, engine, Set.of(groupNames));
    }

    /** Where this machine reaches the ports the host publishes: the engine's address, or loopback for a local socket. */
    public String address() {
        return "tcp".equals(engine.uri().getScheme()) ? engine.uri().getHost() : "127.0.0.1";
    }

    @Override
    public String toString() {
        return name;
    }
}
