package dev.odksim.project;

import java.time.Instant;

/** The admin API's shapes of projects, locks and on-demand configuration (API.md). */
public final class ProjectDtos {

    private ProjectDtos() {
    }

    public record NewProject(String id, String name) {
    }

    public record ProjectView(String id, String name, Instant createdAt) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id, p.name, p.createdAt);
        }
    }

    public record NewLock(String id, String name) {
    }

    public record LockView(String id, String projectId, String name, String vendor, Instant createdAt) {
        public static LockView of(Lock l) {
            return new LockView(l.id, l.projectId, l.name, l.vendor, l.createdAt);
        }
    }

    /** {@code auth} of the on-demand configuration; secrets are write-only and masked on read. */
    public record Auth(String type, String headerName, String headerValue) {
    }

    /** {@code requireScanProof} (DESIGN.md §5): on-demand decisions need a scan proof of a sticker of the lock. */
    public record OnDemandView(Boolean enabled, String url, Auth auth, Integer connectTimeoutMs, Integer timeoutMs,
                               Long defaultDurationSeconds, Long maxDurationSeconds, Boolean requireScanProof) {

        /** Without the sticker-trust setting (keeps it as it is). */
        public OnDemandView(Boolean enabled, String url, Auth auth, Integer connectTimeoutMs, Integer timeoutMs,
                            Long defaultDurationSeconds, Long maxDurationSeconds) {
            this(enabled, url, auth, connectTimeoutMs, timeoutMs, defaultDurationSeconds, maxDurationSeconds, null);
        }
    }
}
