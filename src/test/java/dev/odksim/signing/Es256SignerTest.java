package dev.odksim.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Es256SignerTest {

    /** RFC 6979 appendix A.2.5: P-256 with SHA-256 signs the message "sample" as exactly this (r, s). */
    @Test
    void signsTheRfc6979TestVector() throws Exception {
        ECKey key = new ECKey.Builder(Curve.P_256, coordinate("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"),
                coordinate("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299"))
                .d(coordinate("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")).build();

        Base64URL signature = new Es256Signer(key).sign(new JWSHeader(JWSAlgorithm.ES256), "sample".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().withUpperCase().formatHex(signature.decode())).isEqualTo(
                "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                        + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    }

    @Test
    void itsTokensVerifyWithNimbusAndTheJdk() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Es256Signer signer = new Es256Signer(key);
        for (int i = 0; i < 50; i++) { // some r or s below 2^248: their leading zero bytes must stay
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                    new JWTClaimsSet.Builder().subject("+4712345678").jwtID("k-" + i).build());
            jwt.sign(signer);
            SignedJWT parsed = SignedJWT.parse(jwt.serialize());
            assertThat(parsed.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();

            Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
            jdk.initVerify(key.toECPublicKey());
            jdk.update(parsed.getSigningInput());
            assertThat(jdk.verify(parsed.getSignature().decode())).isTrue();
        }
    }

    @Test
    void refusesAnotherAlgorithmAndKeysItCannotSignWith() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        assertThatThrownBy(() -> new Es256Signer(key).sign(new JWSHeader(JWSAlgorithm.ES384), new byte[1]))
                .isInstanceOf(JOSEException.class).hasMessageContaining("not ES384");
        assertThatThrownBy(() -> new Es256Signer(key.toPublicJWK())).isInstanceOf(JOSEException.class)
                .hasMessageContaining("public only");
        assertThatThrownBy(() -> new Es256Signer(new ECKeyGenerator(Curve.P_384).generate())).isInstanceOf(JOSEException.class)
                .hasMessageContaining("P-384");
    }

    private static Base64URL coordinate(String hex) {
        return Base64URL.encode(BigIntegers.asUnsignedByteArray(32, new BigInteger(hex, 16)));
    }
}
