package io.jenkins.plugins.bluegreen.targets;

import hudson.EnvVars;
import hudson.Util;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.targets.EngineEndpoint;
import io.bluegreen.targets.HostsTarget;
import io.bluegreen.targets.TlsMaterial;

/**
 * Picks the engine a step talks to, first match wins: the target the step names, the engine URI it
 * gives, the target a GitLab push chose ({@value #TARGET_VARIABLE}), then DOCKER_HOST and friends
 * as the docker CLI would read them.
 */
public final class TargetResolver {
    public static final String TARGET_VARIABLE = "BLUEGREEN_TARGET";

    private final CredentialSource credentials;

    public TargetResolver(CredentialSource credentials) {
        this.credentials = credentials;
    }

    /** Credential ids given to the step override the target's own. */
    public ResolvedTarget resolve(String targetName, String engineUri, String tlsCredentialsId,
                                  String registryCredentialsId, EnvVars env) {
        String name = Util.fixEmptyAndTrim(env.expand(targetName));
        String uri = Util.fixEmptyAndTrim(env.expand(engineUri));
        if (name == null && uri == null) {
            name = Util.fixEmptyAndTrim(env.get(TARGET_VARIABLE));
        }
        if (name != null) {
            DeployTarget target = DeployTargets.get().named(name);
            TlsMaterial tls = credentials.tls(first(tlsCredentialsId, target.getTlsCredentialsId()));
            RegistryCredentials registry = credentials.registry(first(registryCredentialsId, target.getRegistryCredentialsId()));
            if (target.kind() == DeployTarget.Kind.HOSTS) {
                HostsTarget hosts = target.hostsTarget(tls);
                return new ResolvedTarget(name, hosts.hosts().get(0).engine(), registry, target, hosts);
            }
            return new ResolvedTarget(name, EngineEndpoint.of(target.getEngineUri(), tls), registry, target, null);
        }
        EngineEndpoint endpoint = uri != null
                ? EngineEndpoint.of(uri, credentials.tls(Util.fixEmpty(tlsCredentialsId)))
                : EngineEndpoint.fromEnvironment(env);
        return new ResolvedTarget(null, endpoint, credentials.registry(Util.fixEmpty(registryCredentialsId)), null, null);
    }

    private static String first(String given, String configured) {
        return Util.fixEmpty(given) != null ? given : Util.fixEmpty(configured);
    }
}
