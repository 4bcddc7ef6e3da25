package io.bluegreen.targets;

import com.github.dockerjava.core.util.CertificateUtils;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Java key stores made from PEM text, the form Docker and most TLS set-ups hand certificates and keys
 * around in. Used for the engine client's TLS and for the webhook server's.
 */
public final class PemKeyStores {
    /** The password docker-java protects the in-memory key store with; it guards nothing on disk. */
    public static final char[] KEY_PASSWORD = "docker".toCharArray();

    private PemKeyStores() {
    }

    /** A key store with one entry: the private key and its certificate chain. */
    public static KeyStore keyStore(String keyPem, String certPem) throws IOException, GeneralSecurityException {
        registerBouncyCastle();
        return CertificateUtils.createKeyStore(keyPem, certPem);
    }

    public static KeyStore trustStore(String caPem) throws IOException, GeneralSecurityException {
        registerBouncyCastle();
        return CertificateUtils.createTrustStore(caPem);
    }

    /**
     * CertificateUtils converts certificates through the provider named "BC" and expects its caller
     * to have registered it, as docker-java's own LocalDirectorySSLConfig does.
     */
    private static void registerBouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
