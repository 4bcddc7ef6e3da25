package io.jenkins.plugins.bluegreen.targets;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.bluegreen.image.RegistryCredentials;
import io.bluegreen.targets.TlsMaterial;
import io.bluegreen.validation.InvalidInputException;
import java.util.List;
import org.jenkinsci.plugins.docker.commons.credentials.DockerServerCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns credential ids into what the engine takes. Inside a build the lookup goes through the
 * build (so folder credentials and credential parameters work, and the use is tracked); outside
 * one, such as a rollback from the job page, through the job.
 */
public abstract class CredentialSource {

    protected abstract <C extends IdCredentials> C find(String id, Class<C> type);

    public static CredentialSource forRun(Run<?, ?> run) {
        return new CredentialSource() {
            @Override
            protected <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.track(run, CredentialsProvider.findCredentialById(id, type, run));
            }
        };
    }

    public static CredentialSource forItem(Item item) {
        return new CredentialSource() {
            @Override
            protected <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.findCredentialByIdInItem(id, type, item, ACL.SYSTEM2, List.of());
            }
        };
    }

    /** The client certificate, key and CA of a TLS-protected engine; null when {@code id} is empty. */
    public TlsMaterial tls(String id) {
        if (id == null) {
            return null;
        }
        DockerServerCredentials credentials = require(id, DockerServerCredentials.class, "tlsCredentialsId",
                "Docker Server Credentials (X.509 client certificate)");
        return new TlsMaterial(credentials.getServerCaCertificate(), credentials.getClientCertificate(),
                Secret.toString(credentials.getClientKeySecret()));
    }

    /** A registry login from a username/password credential; anonymous when {@code id} is empty. */
    public RegistryCredentials registry(String id) {
        if (id == null) {
            return RegistryCredentials.anonymous();
        }
        StandardUsernamePasswordCredentials credentials = require(id, StandardUsernamePasswordCredentials.class,
                "registryCredentialsId", "Username with password");
        return RegistryCredentials.of(credentials.getUsername(), Secret.toString(credentials.getPassword()));
    }

    /** The text of a Secret Text credential. */
    public String secretText(String id, String field) {
        return Secret.toString(require(id, StringCredentials.class, field, "Secret text").getSecret());
    }

    private <C extends IdCredentials> C require(String id, Class<C> type, String field, String kind) {
        C credentials = find(id, type);
        InvalidInputException.require(credentials != null, field, "no '" + kind + "' credential with id '" + id
                + "' is visible to this job", "add one under Manage Jenkins > Credentials, or fix the id");
        return credentials;
    }
}
