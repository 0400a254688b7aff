package dev.odksim.unloc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The token and API-client shapes of the {@code /v2} API and its admin side (docs/unloc-api.md). */
public final class UnlocDtos {

    private UnlocDtos() {
    }

    /** Unloc's token request: the same fields as JSON or as an {@code application/x-www-form-urlencoded} form. */
    @Schema(name = "UnlocTokenRequest", requiredProperties = {"grant_type", "client_id", "client_secret", "scope", "project_id"})
    public record TokenRequest(
            @Schema(examples = "client_credentials") @JsonProperty("grant_type") String grantType,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") String clientSecret,
            @Schema(examples = "project.admin") String scope,
            @JsonProperty("project_id") String projectId) {
    }

    @Schema(name = "UnlocTokenResponse")
    public record TokenResponse(
            @Schema(required = true, description = "A JWT to send as Authorization: Bearer") @JsonProperty("access_token") String accessToken,
            @Schema(required = true, examples = "bearer") @JsonProperty("token_type") String tokenType,
            @Schema(required = true, examples = "3600") @JsonProperty("expires_in") long expiresIn,
            @Schema(required = true) List<String> scope,
            @Schema(required = true) @JsonProperty("project_id") String projectId) {
    }

    public record NewApiClient(@Schema(description = "A name to recognise the client by (default \"API client\")") String name) {
    }

    public record ApiClientView(@Schema(required = true) String clientId, @Schema(required = true) String projectId,
                                @Schema(required = true) String name, @Schema(required = true) Instant createdAt) {
        static ApiClientView of(ApiClient c) {
            return new ApiClientView(c.clientId, c.projectId, c.name, c.createdAt);
        }
    }

    /** Answer of creating a client: the only time {@code clientSecret} is shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CreatedApiClient(@Schema(required = true) String clientId,
                                   @Schema(required = true, description = "Shown once; only its hash is stored") String clientSecret,
                                   @Schema(required = true) String projectId, @Schema(required = true) String name,
                                   @Schema(required = true) Instant createdAt) {
    }

    public record ApiClients(@Schema(required = true) List<ApiClientView> apiClients) {
    }
}
