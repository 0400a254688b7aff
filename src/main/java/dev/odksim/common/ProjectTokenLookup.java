package dev.odksim.common;

import java.util.Optional;

/**
 * Which project a presented project-scoped admin token belongs to. Implemented by the project feature, which owns the
 * tokens; declared here so the admin filter depends on no feature (docs/architecture.md, package rules).
 */
public interface ProjectTokenLookup {

    /** The project of a live (not revoked) project token; empty for anything else. */
    Optional<String> projectOf(String presented);
}
