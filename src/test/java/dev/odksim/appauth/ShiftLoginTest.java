package dev.odksim.appauth;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.odksim.testing.WireMockResource;
import dev.odksim.testing.WireMockResource.InjectWireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.junit.jupiter.api.TestInstance;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.testing.Api;
import dev.odksim.testing.IdentityProviderStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.odksim.testing.Api.KARI;
import static org.assertj.core.api.Assertions.assertThat;

/** Shift logins: token exchange of the organisation's identity-provider JWT, every refusal with its reason. */
@QuarkusTest
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.GLOBAL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShiftLoginTest {

    @InjectWireMock
    WireMockServer idpServer;
    private IdentityProviderStub idp;
    private String project;

    @BeforeAll
    void startIdpServer() {
        idpServer.resetAll();
    }


    @BeforeEach
    void projectTrustingAnIdp() {
        project = Api.uniqueId("shift");
        Api.admin().body(Map.of("id", project, "name", "Shift " + project)).post("/api/admin/v1/projects").then().statusCode(201);
        idp = new IdentityProviderStub();
        idp.trustedBy(project);
    }

    @AfterEach
    void backToRealTime() {
        Api.travel(0);
    }

    private Response exchange(String token) {
        return IdentityProviderStub.exchange(Map.of("projectId", project, "subjectToken", token));
    }

    private void assertRefused(String token, String reason) {
        Response refused = Api.assertProblem(exchange(token), 401);
        assertThat(refused.<String>path("reason")).as(refused.asString()).isEqualTo(reason);
        assertThat(refused.<String>path("detail")).isNotBlank();
    }

    @Test
    void aValidIdpTokenStartsASessionForThePhoneInItsClaim() {
        Response login = exchange(idp.token("+47 123 45 678"));
        assertThat(login.statusCode()).as(login.asString()).isEqualTo(200);
        assertThat(login.<String>path("tokenType")).isEqualTo("Bearer");
        Api.app(login.path("accessToken")).get("/api/app/v1/keys").then().statusCode(200);

        // Without projectId, the one project trusting the token's issuer is used.
        Response byIssuer = IdentityProviderStub.exchange(Map.of("subjectToken", idp.token(KARI)));
        assertThat(byIssuer.statusCode()).as(byIssuer.asString()).isEqualTo(200);
    }

    @Test
    void forgedExpiredWrongIssuerWrongAudienceAndPhonelessTokensAreRefused() throws Exception {
        assertRefused(idp.sign(IdentityProviderStub.rsa(idp.key.getKeyID()), KARI, b -> { }), "IDP_TOKEN_BAD_SIGNATURE");
        assertRefused(idp.sign(IdentityProviderStub.rsa("someone-elses-key"), KARI, b -> { }), "IDP_TOKEN_UNKNOWN_KEY");
        assertRefused(idp.token(KARI, b -> b.expirationTime(Date.from(Instant.now().minusSeconds(300)))), "IDP_TOKEN_EXPIRED");
        assertRefused(idp.token(KARI, b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))), "IDP_TOKEN_NOT_VALID_NOW");
        assertRefused(idp.token(KARI, b -> b.expirationTime(null)), "IDP_TOKEN_NOT_VALID_NOW");
        assertRefused(idp.token(KARI, b -> b.issuer("https://evil.example.test/")), "IDP_TOKEN_WRONG_ISSUER");
        assertRefused(idp.token(KARI, b -> b.audience("another-app")), "IDP_TOKEN_WRONG_AUDIENCE");
        assertRefused(idp.token(KARI, b -> b.claim("phone_number", null)), "IDP_TOKEN_NO_PHONE_CLAIM");
        assertRefused(idp.token(KARI, b -> b.claim("phone_number", "12345")), "IDP_TOKEN_BAD_PHONE");
        assertRefused("not.a.jwt", "IDP_TOKEN_MALFORMED");

        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().issuer(idp.issuer)
                .audience(idp.audience).expirationTime(Date.from(Instant.now().plusSeconds(60))).claim("phone_number", KARI).build());
        hmac.sign(new MACSigner(new byte[32]));
        assertRefused(hmac.serialize(), "IDP_TOKEN_UNKNOWN_KEY");

        Response noIssuerTrust = Api.assertProblem(IdentityProviderStub.exchange(Map.of("subjectToken",
                idp.token(KARI, b -> b.issuer("https://nobody.example.test/")))), 401);
        assertThat(noIssuerTrust.<String>path("reason")).isEqualTo("IDP_TOKEN_WRONG_ISSUER");
        Api.assertProblem(IdentityProviderStub.exchange(Map.of("projectId", project)), 400);
    }

    @Test
    void idpTokenTimeFollowsTheSimulatorClock() {
        String token = idp.token(KARI);
        Api.travel(3600);
        assertRefused(token, "IDP_TOKEN_EXPIRED");
        Api.travel(0);
        assertThat(exchange(token).statusCode()).isEqualTo(200);
    }

    @Test
    void jwksByUrlAndACustomPhoneClaim() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        String path = "/" + Api.uniqueId("jwks") + "/keys";
        idpServer.stubFor(get(path).willReturn(okJson(new JWKSet(ec.toPublicJWK()).toString())));
        Api.admin().body(Map.of("issuer", idp.issuer, "audience", idp.audience, "phoneClaim", "mobile",
                        "jwksUrl", "http://localhost:" + idpServer.port() + path))
                .put("/api/admin/v1/projects/" + project + "/identity-provider").then().statusCode(200);

        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), new JWTClaimsSet.Builder()
                .issuer(idp.issuer).audience(idp.audience).expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("mobile", KARI).build());
        jwt.sign(new ECDSASigner(ec));
        Response login = exchange(jwt.serialize());
        assertThat(login.statusCode()).as(login.asString()).isEqualTo(200);
        // The inline RSA key is gone: the project now trusts only the keys at the JWKS URL.
        assertRefused(idp.token(KARI), "IDP_TOKEN_UNKNOWN_KEY");
    }

    @Test
    void identityProviderSettingsAreValidated() {
        String path = "/api/admin/v1/projects/" + project + "/identity-provider";
        Response both = Api.assertProblem(Api.admin().body(Map.of("issuer", "x", "audience", "y", "jwks", idp.publicJwks(),
                "jwksUrl", "https://idp.example.test/jwks")).put(path), 400);
        assertThat(both.<List<String>>path("invalidParams.name")).contains("jwks");
        Response privateKey = Api.assertProblem(Api.admin().body(Map.of("issuer", "x", "audience", "y",
                "jwks", new JWKSet(idp.key).toJSONObject(false))).put(path), 400);
        assertThat(privateKey.<List<String>>path("invalidParams.name")).containsExactly("jwks");
        Response missing = Api.assertProblem(Api.admin().body(Map.of("jwksUrl", "ftp://x")).put(path), 400);
        assertThat(missing.<List<String>>path("invalidParams.name")).contains("issuer", "audience", "jwksUrl");
        assertThat(Api.admin().get(path).then().statusCode(200).extract().<String>path("issuer")).isEqualTo(idp.issuer);

        String other = Api.uniqueId("p");
        Api.admin().body(Map.of("id", other, "name", "No IdP")).post("/api/admin/v1/projects").then().statusCode(201);
        Api.assertProblem(Api.admin().get("/api/admin/v1/projects/" + other + "/identity-provider"), 404);
        Response none = Api.assertProblem(IdentityProviderStub.exchange(Map.of("projectId", other, "subjectToken", idp.token(KARI))), 404);
        assertThat(none.<String>path("reason")).isEqualTo("IDP_NOT_CONFIGURED");
    }
}
