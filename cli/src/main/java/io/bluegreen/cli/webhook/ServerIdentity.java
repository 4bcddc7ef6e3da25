package io.bluegreen.cli.webhook;

import io.bluegreen.targets.PemKeyStores;
import io.bluegreen.validation.InvalidInputException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The webhook server's TLS certificate (with its chain) and private key, as PEM text. */
public record ServerIdentity(String certificatePem, String keyPem) {

    public ServerIdentity {
        InvalidInputException.require(certificatePem != null && certificatePem.contains("-----BEGIN CERTIFICATE"),
                "--tls-cert", "is not a PEM certificate", "give the server certificate, starting with -----BEGIN CERTIFICATE");
        InvalidInputException.require(keyPem != null && keyPem.contains("PRIVATE KEY-----"),
                "--tls-key", "is not a PEM private key", "give the certificate's private key, e.g. -----BEGIN PRIVATE KEY");
    }

    /** Refuses, naming both files, PEM text that is not a usable certificate and key. */
    SslContextFactory.Server sslContextFactory() {
        KeyStore keys;
        try {
            keys = PemKeyStores.keyStore(keyPem, certificatePem);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidInputException("--tls-cert/--tls-key", "cannot be read as a certificate and its key ("
                    + e.getClass().getSimpleName() + ")", "give the PEM certificate and the unencrypted PEM key that belongs to it");
        }
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keys);
        factory.setKeyStorePassword(new String(PemKeyStores.KEY_PASSWORD));
        return factory;
    }

    @Override
    public String toString() {
        return "ServerIdentity[certificate, key]";
    }
}
