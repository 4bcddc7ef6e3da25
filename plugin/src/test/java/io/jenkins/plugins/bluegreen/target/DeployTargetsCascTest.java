package io.jenkins.plugins.bluegreen.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
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
        assertEquals("127.0.0.1", DeployTargets.get().named("production").getRouterAddress());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("blueGreenTargets");
        String yaml = Util.toYamlString(exported);
        assertTrue(yaml.contains("name: \"staging\"") && yaml.contains("registryCredentialsId: \"gitlab-registry\""), yaml);
        assertTrue(yaml.contains("healthPath: \"/ready\""), yaml);
    }
}
