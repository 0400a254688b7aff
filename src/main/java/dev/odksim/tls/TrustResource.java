package dev.odksim.tls;

import dev.odksim.common.ProblemException;
import dev.odksim.common.PublicUrls;
import dev.odksim.web.QrCodeResource;
import io.nayuki.qrcodegen.QrCode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * {@code /trust}: how a phone comes to trust the simulator's HTTPS in a minute. The page (reachable over plain HTTP,
 * with a QR code of itself), the local CA as {@code .crt} for Android and as a configuration profile for iOS, its
 * SHA-256 fingerprint and the steps. Public: the CA certificate is no secret, its private key never leaves the data directory.
 */
@Tag(name = "Trust")
@Path("/trust")
public class TrustResource {

    static final String CRT = "application/x-x509-ca-cert";
    static final String PEM = "application/x-pem-file";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance trust(TrustPage page);
    }

    /** What the page shows. {@code mode}: off, generated or supplied. */
    public record TrustPage(String mode, String fingerprint, String caName, String caNotAfter, String trustUrl,
                            String httpsAppUrl, String servedSubject, String servedIssuer) {
    }

    private final HttpsCertificates https;
    private final PublicUrls urls;

    TrustResource(HttpsCertificates https, PublicUrls urls) {
        this.https = https;
        this.urls = urls;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "getTrustPage", summary = "The page that walks a phone through trusting the simulator's HTTPS")
    public TemplateInstance page() {
        X509Certificate ca = https.ca().orElse(null);
        X509Certificate served = https.served().map(ServerCertificate::leaf).orElse(null);
        return Templates.trust(new TrustPage(
                https.mode().name().toLowerCase(java.util.Locale.ROOT),
                https.caFingerprint().orElse(null),
                ca == null ? null : ca.getSubjectX500Principal().getName(),
                ca == null ? null : ca.getNotAfter().toInstant().toString().substring(0, 10),
                trustUrl(),
                urls.httpsBase().map(base -> base + "/app").orElse(null),
                served == null ? null : served.getSubjectX500Principal().getName(),
                served == null ? null : served.getIssuerX500Principal().getName()));
    }

    @GET
    @Path("odk-sim-ca.crt")
    @Produces(CRT)
    @Operation(operationId = "getTrustCaCertificate", summary = "The local CA certificate (DER), for Android and desktops")
    @APIResponse(responseCode = "200", description = "The CA certificate", content = @Content(mediaType = CRT))
    @APIResponse(responseCode = "404", description = "HTTPS is off or serves a supplied certificate: there is no local CA",
            content = @Content(mediaType = "application/problem+json"))
    public Response crt() {
        return download(der(requireCa()), CRT, "odk-sim-ca.crt");
    }

    @GET
    @Path("odk-sim-ca.pem")
    @Produces(PEM)
    @Operation(operationId = "getTrustCaPem", summary = "The local CA certificate (PEM), e.g. for curl --cacert")
    @APIResponse(responseCode = "200", description = "The CA certificate", content = @Content(mediaType = PEM))
    @APIResponse(responseCode = "404", description = "HTTPS is off or serves a supplied certificate: there is no local CA",
            content = @Content(mediaType = "application/problem+json"))
    public Response pem() {
        return download(Pem.encode(requireCa()), PEM, "odk-sim-ca.pem");
    }

    @GET
    @Path("odk-sim-ca.mobileconfig")
    @Produces(MobileConfig.MEDIA_TYPE)
    @Operation(operationId = "getTrustProfile", summary = "The local CA as an iOS configuration profile")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(mediaType = MobileConfig.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "HTTPS is off or serves a supplied certificate: there is no local CA",
            content = @Content(mediaType = "application/problem+json"))
    public Response mobileConfig() {
        X509Certificate ca = requireCa();
        return download(MobileConfig.of(ca, HttpsCertificates.fingerprint(ca)), MobileConfig.MEDIA_TYPE, "odk-sim-ca.mobileconfig");
    }

    @GET
    @Path("qr.svg")
    @Produces(QrCodeResource.SVG)
    @Operation(operationId = "getTrustQrCode", summary = "A QR code of this page's plain-HTTP address")
    public String qr() {
        return QrCodeResource.toSvg(QrCode.encodeText(trustUrl(), QrCode.Ecc.MEDIUM), 4);
    }

    /** Plain HTTP: the phone does not trust the HTTPS certificate before it has been here. */
    private String trustUrl() {
        return urls.plainHttpBase() + "/trust";
    }

    private X509Certificate requireCa() {
        return https.ca().orElseThrow(() -> new ProblemException(404, "No local CA",
                https.mode() == HttpsCertificates.Mode.OFF
                        ? "HTTPS is switched off (odk.https.enabled=false), so there is no CA to trust"
                        : "HTTPS serves the supplied certificate (odk.https.certificate-file); trust its issuer instead",
                null, null));
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the CA", e);
        }
    }

    private static Response download(Object body, String type, String fileName) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }
}
