package dev.odksim.appauth;

import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.Valid;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** App API: login by one-time code or by token exchange (shift login), and logout. */
@Path("/api/app/v1/auth")
@Tag(name = "app-auth")
public class AppAuthResource {

    @Inject
    AppAuthService auth;
    @Inject
    AppCaller caller;
    @Inject
    IdentityProviderService identityProviders;

    public record CodeRequest(String appUserId) {
    }

    static final String CODE_RULE = "is required: the digits of the code sent by SMS";
    static final String DEVICE_ID_RULE = "must be 1-128 characters";

    public record TokenRequest(String appUserId,
                               @NotNull(message = CODE_RULE) @Pattern(regexp = "\\d{4,10}", message = CODE_RULE) String code,
                               @Size(min = 1, max = 128, message = DEVICE_ID_RULE) @Pattern(regexp = "(?s).*\\S.*", message = DEVICE_ID_RULE)
                               String deviceId,
                               @Schema(description = "The device's public key as a JWK (P-256), for keys bound to it") Map<String, Object> devicePublicKey) {
    }

    /**
     * Shift login (RFC 8693 in spirit): {@code subjectToken} is a JWT from the organisation's identity provider;
     * {@code projectId} names whose provider to trust (optional when only one project trusts the token's issuer).
     */
    public record ExchangeRequest(String projectId,
                                  @NotBlank(message = "is required: the JWT from your organisation's identity provider")
                                  @Size(max = 16384, message = "is too long (16384 characters at most)") String subjectToken,
                                  @Size(min = 1, max = 128, message = DEVICE_ID_RULE) @Pattern(regexp = "(?s).*\\S.*", message = DEVICE_ID_RULE)
                                  String deviceId,
                                  @Schema(description = "The device's public key as a JWK (P-256), for keys bound to it") Map<String, Object> devicePublicKey) {
    }

    @Schema(requiredProperties = {"accessToken", "tokenType", "expiresIn"})
    public record TokenResponse(@Schema(required = true, description = "The app session's Bearer token") String accessToken,
                                @Schema(required = true, enumeration = "Bearer") String tokenType,
                                @Schema(required = true, description = "Seconds until the session ends") long expiresIn) {
    }

    /** The code was sent; {@code delivery} says where (the simulator's SMS inbox). */
    @Schema(requiredProperties = {"appUserId", "delivery"})
    public record CodeSent(@Schema(required = true) String appUserId,
                           @Schema(required = true, enumeration = "sms-inbox") String delivery) {
    }

    @POST
    @Path("otp")
    @Operation(operationId = "requestLoginCode", summary = "Send a one-time login code by SMS")
    @APIResponse(responseCode = "202", description = "The code was sent to the SMS inbox",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CodeSent.class),
            examples = {@ExampleObject(name = "sent", value = "{\"appUserId\":\"+4712345678\",\"delivery\":\"sms-inbox\"}")}))
    public Response requestCode(CodeRequest body) {
        String appUserId = PhoneNumbers.require("appUserId", body == null ? null : body.appUserId());
        auth.requestCode(appUserId);
        return Response.accepted(new CodeSent(appUserId, "sms-inbox")).build();
    }

    @POST
    @Path("token")
    @Operation(operationId = "createSession", summary = "Log in with the SMS code")
    @APIResponse(responseCode = "200", description = "A new app session",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenResponse.class),
            examples = {@ExampleObject(name = "session", value = "{\"accessToken\":\"odk_app_3vQ...\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")}))
    public TokenResponse token(@Valid TokenRequest body) {
        String appUserId = PhoneNumbers.require("appUserId", body == null ? null : body.appUserId());
        String devicePublicKey = AppAuthService.devicePublicKey(body.devicePublicKey());
        AppAuthService.Login login = auth.verify(appUserId, body.code(), body.deviceId(), devicePublicKey);
        return new TokenResponse(login.accessToken(), "Bearer", login.expiresIn());
    }

    @POST
    @Path("token-exchange")
    @Operation(operationId = "exchangeToken", summary = "Shift login: exchange an identity provider token for an app session")
    @APIResponse(responseCode = "200", description = "A new app session",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenResponse.class)))
    public TokenResponse exchange(@Valid @NotNull(message = "is required: {\"subjectToken\": the JWT from your organisation's identity provider}")
                                  ExchangeRequest body) {
        String devicePublicKey = AppAuthService.devicePublicKey(body.devicePublicKey());
        IdentityProviderService.Verified who = identityProviders.verify(body.projectId(), body.subjectToken().strip());
        AppAuthService.Login login = auth.exchange(who.projectId(), who.appUserId(), body.deviceId(), devicePublicKey);
        return new TokenResponse(login.accessToken(), "Bearer", login.expiresIn());
    }

    @POST
    @Path("logout")
    @AppUserOnly
    @Operation(operationId = "logout", summary = "End the app session")
    @SecurityRequirement(name = "appBearer")
    @APIResponse(responseCode = "204", description = "The session ended")
    public Response logout() {
        auth.logout(caller.session().tokenHash);
        return Response.noContent().build();
    }
}
