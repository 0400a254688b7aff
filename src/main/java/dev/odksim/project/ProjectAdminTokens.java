package dev.odksim.project;

import dev.odksim.common.ProjectTokenLookup;
import dev.odksim.common.Ids;
import dev.odksim.common.ProblemException;
import dev.odksim.common.Secrets;
import dev.odksim.common.SimClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Admin tokens scoped to one project, issued by the operator (global admin token) to a project's integrator so
 * companies sharing one simulator cannot see or change each other's projects. Stored as SHA-256 (a random 32-byte
 * token needs no slow hash), looked up by that hash, shown once, revocable.
 */
@ApplicationScoped
public class ProjectAdminTokens implements ProjectTokenLookup {

    /** Prefix that makes a leaked project token recognisable (e.g. by secret scanners). */
    static final String PREFIX = "odkp_";
    private static final int MAX_LABEL = 200;

    @Inject
    SimClock clock;
    @Inject
    ProjectService projects;

    /** A newly issued token: the only time its secret is returned. */
    public record Issued(ProjectAdminToken row, String token) {
    }

    @Transactional
    public Issued issue(String projectId, String label) {
        projects.project(projectId);
        if (label != null && label.length() > MAX_LABEL) {
            throw ProblemException.badRequest("label", "must be at most " + MAX_LABEL + " characters");
        }
        String token = PREFIX + Ids.secret(32);
        ProjectAdminToken row = new ProjectAdminToken();
        row.id = Ids.uuid();
        row.projectId = projectId;
        row.tokenHash = Secrets.sha256(token);
        row.label = label == null || label.isBlank() ? null : label.strip();
        row.createdAt = clock.now();
        row.persist();
        return new Issued(row, token);
    }

    public List<ProjectAdminToken> list(String projectId) {
        projects.project(projectId);
        return ProjectAdminToken.list("projectId = ?1 order by createdAt desc", projectId);
    }

    /** Revokes a token of the project (idempotent); 404 when the project has no such token. */
    @Transactional
    public ProjectAdminToken revoke(String projectId, String tokenId) {
        ProjectAdminToken row = ProjectAdminToken.findById(tokenId);
        if (row == null || !row.projectId.equals(projectId)) {
            throw ProblemException.notFound("Admin token", tokenId);
        }
        if (row.revokedAt == null) {
            row.revokedAt = clock.now();
        }
        return row;
    }

    @Override
    public Optional<String> projectOf(String presented) {
        if (!presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return ProjectAdminToken.<ProjectAdminToken>find("tokenHash", Secrets.sha256(presented)).firstResultOptional()
                .filter(row -> row.revokedAt == null)
                .map(row -> row.projectId);
    }
}
