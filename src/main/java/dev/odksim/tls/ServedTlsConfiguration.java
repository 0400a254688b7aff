package dev.odksim.tls;

import io.quarkus.tls.BaseTlsConfiguration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLOptions;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * The TLS configuration the HTTP server is given (Quarkus' TLS registry, named {@value HttpsCertificates#TLS_NAME}):
 * the served certificate, or none, which keeps the HTTPS port closed.
 */
final class ServedTlsConfiguration extends BaseTlsConfiguration {

    private final ServerCertificate served;

    ServedTlsConfiguration(ServerCertificate served) {
        this.served = served;
    }

    @Override
    public String getName() {
        return HttpsCertificates.TLS_NAME;
    }

    @Override
    public KeyCertOptions getKeyStoreOptions() {
        if (served == null) {
            return null;
        }
        return new PemKeyCertOptions().addCertValue(Buffer.buffer(served.chainPem())).addKeyValue(Buffer.buffer(served.keyPem()));
    }

    @Override
    public KeyStore getKeyStore() {
        if (served == null) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("odk-sim", served.key(), new char[0], served.chain().toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot hold the HTTPS key in a key store", e);
        }
    }

    @Override
    public SSLOptions getSSLOptions() {
        return new SSLOptions().setUseAlpn(true);
    }
}
