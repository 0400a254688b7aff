package dev.odksim.appauth;

import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** App API: login by one-time code or by token exchange (shift login), and logout. */
@Path("/api/app/v1/auth")
public class AppAuthResource {

    @Inject
    AppAuthService auth;
    @Inject
    AppCaller caller;
    @Inject
    IdentityProviderService identityProviders;

    public record CodeRequest(String appUserId) {
    }

    public record TokenRequest(String appUserId, String code, String deviceId, Map<String, Object> devicePublicKey) {
    }

    /**
     * Shift login (RFC 8693 in spirit): {@code subjectToken} is a JWT from the organisation's identity provider;
     * {@code projectId} names whose provider to trust (optional when only one project trusts the token's issuer).
     */
    public record ExchangeRequest(String projectId, String subjectToken, String deviceId, Map<String, Object> devicePublicKey) {
    }

    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }

    @POST
    @Path("otp")
    public Response requestCode(CodeRequest body) {
        String appUserId = PhoneNumbers.require("appUserId", body == null ? null : body.appUserId());
        auth.requestCode(appUserId);
        return Response.accepted(Map.of("appUserId", appUserId, "delivery", "sms-inbox")).build();
    }

    @POST
    @Path("token")
    public TokenResponse token(TokenRequest body) {
        String appUserId = PhoneNumbers.require("appUserId", body == null ? null : body.appUserId());
        if (body.code() == null || !body.code().matches("\\d{4,10}")) {
            throw ProblemException.badRequest("code", "is required: the digits of the code sent by SMS");
        }
        requireDeviceId(body.deviceId());
        String devicePublicKey = AppAuthService.devicePublicKey(body.devicePublicKey());
        AppAuthService.Login login = auth.verify(appUserId, body.code(), body.deviceId(), devicePublicKey);
        return new TokenResponse(login.accessToken(), "Bearer", login.expiresIn());
    }

    @POST
    @Path("token-exchange")
    public TokenResponse exchange(ExchangeRequest body) {
        if (body == null || body.subjectToken() == null || body.subjectToken().isBlank()) {
            throw ProblemException.badRequest("subjectToken", "is required: the JWT from your organisation's identity provider");
        }
        if (body.subjectToken().length() > 16384) {
            throw ProblemException.badRequest("subjectToken", "is too long (16384 characters at most)");
        }
        requireDeviceId(body.deviceId());
        String devicePublicKey = AppAuthService.devicePublicKey(body.devicePublicKey());
        IdentityProviderService.Verified who = identityProviders.verify(body.projectId(), body.subjectToken().strip());
        AppAuthService.Login login = auth.exchange(who.projectId(), who.appUserId(), body.deviceId(), devicePublicKey);
        return new TokenResponse(login.accessToken(), "Bearer", login.expiresIn());
    }

    private static void requireDeviceId(String deviceId) {
        if (deviceId != null && (deviceId.isBlank() || deviceId.length() > 128)) {
            throw ProblemException.badRequest("deviceId", "must be 1-128 characters");
        }
    }

    @POST
    @Path("logout")
    @AppUserOnly
    public Response logout() {
        auth.logout(caller.session().tokenHash);
        return Response.noContent().build();
    }
}
