package io.jenkins.plugins.bluegreen;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.bluegreen.testbed.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;

/** The test bed's client certificate for its namespace engines, as Jenkins holds it: Docker Server Credentials. */
public final class TestHostsTls {
    public static final String ID = "hosts-tls";

    private TestHostsTls() {
    }

    /** Stores the credentials under {@link #ID} in the Jenkins under test. */
    public static String add() throws IOException {
        Path tls = TestHosts.clientTlsDirectory();
        SystemCredentialsProvider.getInstance().getCredentials().add(new DockerServerCredentials(CredentialsScope.GLOBAL,
                ID, "test bed client certificate", Secret.fromString(Files.readString(tls.resolve("key.pem"))),
                Files.readString(tls.resolve("cert.pem")), Files.readString(tls.resolve("ca.pem"))));
        SystemCredentialsProvider.getInstance().save();
        return ID;
    }
}
