package io.bluegreen.cli.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.bluegreen.targets.PemKeyStores;
import java.security.KeyStore;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** Here and not in the engine because the webhook tests already make a certificate to read. */
class PemKeyStoresTest {

    /** Inside Jenkins the JVM's security providers belong to bouncycastle-api (and FIPS mode). */
    @Test
    void readsPemWithoutRegisteringBouncyCastleJvmWide() throws Exception {
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        TestCertificate cert = TestCertificate.forLoopback();

        KeyStore keys = PemKeyStores.keyStore(cert.keyPem(), cert.certificatePem());
        KeyStore trust = PemKeyStores.trustStore(cert.certificatePem());

        assertThat(keys.isKeyEntry("key")).isTrue();
        assertThat(keys.getCertificate("key")).isEqualTo(cert.certificate());
        assertThat(trust.getCertificate("ca-0")).isEqualTo(cert.certificate());
        assertThat(Security.getProvider(BouncyCastleProvider.PROVIDER_NAME)).isNull();
    }
}
