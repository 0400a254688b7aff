package dev.odksim.appauth;

import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** App API: login by one-time code, and logout. */
@Path("/api/app/v1/auth")
public class AppAuthResource {

    @Inject
    AppAuthService auth;
    @Inject
    AppCaller caller;

    public record CodeRequest(String appUserId) {
    }

    public record TokenRequest(String appUserId, String code, String deviceId, Map<String, Object> devicePublicKey) {
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
        if (body.deviceId() != null && (body.deviceId().isBlank() || body.deviceId().length() > 128)) {
            throw ProblemException.badRequest("deviceId", "must be 1-128 characters");
        }
        String devicePublicKey = AppAuthService.devicePublicKey(body.devicePublicKey());
        AppAuthService.Login login = auth.verify(appUserId, body.code(), body.deviceId(), devicePublicKey);
        return new TokenResponse(login.accessToken(), "Bearer", login.expiresIn());
    }

    @POST
    @Path("logout")
    @AppUserOnly
    public Response logout() {
        auth.logout(caller.session().tokenHash);
        return Response.noContent().build();
    }
}
