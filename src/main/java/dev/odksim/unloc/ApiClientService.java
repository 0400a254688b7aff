package dev.odksim.unloc;

import dev.odksim.common.Ids;
import dev.odksim.common.ProblemException;
import dev.odksim.common.Secrets;
import dev.odksim.common.SimClock;
import dev.odksim.project.ProjectService;
import dev.odksim.unloc.UnlocDtos.TokenRequest;
import dev.odksim.unloc.UnlocDtos.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/** API clients of a project and the client-credentials grant of {@code POST /v2/auth/token/}. */
@ApplicationScoped
public class ApiClientService {

    /** Compared when the client id is unknown, so an unknown id costs the same as a wrong secret. */
    private static final String NO_SECRET_HASH = Secrets.sha256("no such client");

    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;
    @Inject
    UnlocTokens tokens;

    /** A new client and its secret: the only time the secret is seen, only its hash is stored. */
    public record Created(ApiClient client, String clientSecret) {
    }

    @Transactional
    public Created create(String projectId, String name) {
        projects.project(projectId);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw ProblemException.badRequest("name", "must be 1-200 characters");
        }
        ApiClient client = new ApiClient();
        client.clientId = "odk-" + Ids.shortId(20);
        client.projectId = projectId;
        client.name = name == null ? "API client" : name.strip();
        String secret = Ids.secret(32);
        client.secretHash = Secrets.sha256(secret);
        client.createdAt = clock.now();
        client.persist();
        return new Created(client, secret);
    }

    public List<ApiClient> list(String projectId) {
        projects.project(projectId);
        return ApiClient.list("projectId = ?1 order by createdAt, clientId", projectId);
    }

    /** Deletes the client; tokens it holds stop working at once (the filter looks the client up). */
    @Transactional
    public void delete(String projectId, String clientId) {
        projects.project(projectId);
        if (ApiClient.delete("clientId = ?1 and projectId = ?2", clientId, projectId) == 0) {
            throw ProblemException.notFound("API client", clientId);
        }
    }

    /**
     * The client-credentials grant: 400 for a missing field, another grant type or scope; 401 for an unknown client or a
     * wrong secret (the same answer, compared in constant time); 403 when the client is not one of {@code project_id}.
     */
    public TokenResponse token(TokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("grant_type", "is required: send grant_type, client_id, client_secret, scope and project_id");
        }
        if (request.grantType() == null || request.grantType().isBlank()) {
            throw ProblemException.badRequest("grant_type", "is required (client_credentials)");
        }
        if (!"client_credentials".equals(request.grantType())) {
            throw new ProblemException(400, "Unsupported grant type", "grant_type: only client_credentials is supported",
                    List.of(new dev.odksim.common.Problem.InvalidParam("grant_type", "only client_credentials is supported")), "unsupported_grant_type");
        }
        if (request.clientId() == null || request.clientId().isBlank()) {
            throw ProblemException.badRequest("client_id", "is required");
        }
        if (request.clientSecret() == null || request.clientSecret().isEmpty()) {
            throw ProblemException.badRequest("client_secret", "is required");
        }
        if (!UnlocTokens.SCOPE.equals(request.scope())) {
            throw new ProblemException(400, "Invalid scope", "scope: only " + UnlocTokens.SCOPE + " is supported by the simulator",
                    List.of(new dev.odksim.common.Problem.InvalidParam("scope", "only " + UnlocTokens.SCOPE + " is supported")), "invalid_scope");
        }
        if (request.projectId() == null || request.projectId().isBlank()) {
            throw ProblemException.badRequest("project_id", "is required with scope " + UnlocTokens.SCOPE);
        }
        ApiClient client = ApiClient.findById(request.clientId());
        boolean secretMatches = Secrets.equal(client == null ? NO_SECRET_HASH : client.secretHash, Secrets.sha256(request.clientSecret()));
        if (client == null || !secretMatches) {
            throw new ProblemException(401, "Unauthorized", "Unknown client_id or wrong client_secret", null, "invalid_client");
        }
        if (!client.projectId.equals(request.projectId())) {
            throw new ProblemException(403, "Forbidden", "API client " + client.clientId + " has no permission on project '"
                    + request.projectId() + "'", null, "WRONG_PROJECT");
        }
        return new TokenResponse(tokens.issue(client), "bearer", UnlocTokens.LIFETIME.toSeconds(), List.of(UnlocTokens.SCOPE), client.projectId);
    }
}
