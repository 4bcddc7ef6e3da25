package io.bluegreen.targets;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Java key stores made from PEM text, the form Docker and most TLS set-ups hand certificates and keys
 * around in. Used for the engine client's TLS and for the webhook server's.
 *
 * <p>BouncyCastle reads the PEM through a provider object of our own, never one registered with
 * {@link java.security.Security}: inside Jenkins the JVM's providers are bouncycastle-api's to manage
 * (and a FIPS-mode controller must not get BC added behind its back).
 */
public final class PemKeyStores {
    /** The password the in-memory key store is protected with; it guards nothing on disk. */
    public static final char[] KEY_PASSWORD = "docker".toCharArray();

    private static final Provider BC = new BouncyCastleProvider();

    private PemKeyStores() {
    }

    /** A key store with one entry: the private key and its certificate chain. */
    public static KeyStore keyStore(String keyPem, String certPem) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        List<Certificate> chain = certificates(certPem);
        store.setKeyEntry("key", privateKey(keyPem), KEY_PASSWORD, chain.toArray(new Certificate[0]));
        return store;
    }

    public static KeyStore trustStore(String caPem) throws IOException, GeneralSecurityException {
        KeyStore store = emptyStore();
        List<Certificate> cas = certificates(caPem);
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        return store;
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        return store;
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BC);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException("no private key in the PEM text");
    }

    private static List<Certificate> certificates(String pem) throws IOException, GeneralSecurityException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BC);
        List<Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("no certificate in the PEM text");
        }
        return certificates;
    }
}
