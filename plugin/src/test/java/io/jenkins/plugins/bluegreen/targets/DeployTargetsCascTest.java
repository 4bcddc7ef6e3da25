package io.jenkins.plugins.bluegreen.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluegreen.deploy.RolloutPlan;
import io.bluegreen.targets.Host;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets load from JCasC YAML and export back to the same settings. */
@WithJenkinsConfiguredWithCode
class DeployTargetsCascTest {

    @Test
    @ConfiguredWithCode("casc.yaml")
    void targetsRoundTripThroughConfigurationAsCode(JenkinsConfiguredWithCodeRule r) throws Exception {
        DeployTarget staging = DeployTargets.get().named("staging");
        assertEquals("tcp://staging.example.com:2376", staging.getEngineUri());
        assertEquals("staging-docker-tls", staging.getTlsCredentialsId());
        assertEquals(8080, staging.getRouterPort());
        assertEquals("/ready", staging.getHealthPath());
        assertEquals(120, staging.getDrainTimeoutSeconds());
        assertNull(DeployTargets.get().named("production").getDrainTimeoutSeconds(), "the engine's 30 s");
        assertEquals("127.0.0.1", DeployTargets.get().named("production").getRouterAddress());
        assertEquals(DeployTarget.Kind.ENGINE, staging.kind());
        DeployTarget fleet = DeployTargets.get().named("fleet");
        assertEquals(DeployTarget.Kind.HOSTS, fleet.kind());
        assertEquals(List.of("web1", "web2"), fleet.hostsTarget(null).hosts().stream().map(Host::name).toList());
        assertFalse(fleet.isCanary());
        assertEquals("2", fleet.getWaveSize());
        assertEquals(RolloutPlan.OnFailure.LEAVE, fleet.rolloutPlan().onFailure());
        assertEquals(RolloutPlan.OnUnreachable.SKIP, fleet.rolloutPlan().onUnreachable());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("blueGreenTargets");
        String yaml = Util.toYamlString(exported);
        assertTrue(yaml.contains("name: \"staging\"") && yaml.contains("registryCredentialsId: \"gitlab-registry\""), yaml);
        assertTrue(yaml.contains("healthPath: \"/ready\""), yaml);
        assertTrue(yaml.contains("kind: \"hosts\"") && yaml.contains("web2=tcp://10.0.0.12:2376")
                && yaml.contains("canary: false") && yaml.contains("waveSize: \"2\"")
                && yaml.contains("onFailure: \"leave\"") && yaml.contains("onUnreachable: \"skip\""), yaml);
    }
}
