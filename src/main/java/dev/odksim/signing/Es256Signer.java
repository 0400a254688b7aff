package dev.odksim.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.util.Set;

/**
 * ES256 for nimbus' {@link com.nimbusds.jwt.SignedJWT#sign}, on Bouncy Castle's lightweight API: its P-256 curve code,
 * with the base point's precomputed multiples made once for this class's curve parameters, and deterministic nonces
 * (RFC 6979). No JCA provider: registering Bouncy Castle's took a quarter to half a second of every start
 * (docs/benchmarks.md). The output is the JWS form of the signature, r and s as 32 bytes each (RFC 7518 §3.4);
 * any ES256 verifier accepts it.
 */
public final class Es256Signer implements JWSSigner {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256);
    private static final int FIELD_BYTES = 32;

    private final ECPrivateKeyParameters key;
    private final JCAContext jcaContext = new JCAContext();

    public Es256Signer(ECKey key) throws JOSEException {
        if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
            throw new JOSEException("ES256 needs a private P-256 key, not " + key.getCurve() + (key.isPrivate() ? "" : " (public only)"));
        }
        this.key = new ECPrivateKeyParameters(key.getD().decodeToBigInteger(), DOMAIN);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("This signer makes ES256 signatures, not " + header.getAlgorithm());
        }
        SHA256Digest digest = new SHA256Digest();
        digest.update(signingInput, 0, signingInput.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);

        ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        ecdsa.init(true, key);
        BigInteger[] rs = ecdsa.generateSignature(hash);
        byte[] signature = new byte[2 * FIELD_BYTES];
        BigIntegers.asUnsignedByteArray(rs[0], signature, 0, FIELD_BYTES);
        BigIntegers.asUnsignedByteArray(rs[1], signature, FIELD_BYTES, FIELD_BYTES);
        return Base64URL.encode(signature);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
