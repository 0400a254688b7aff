package dev.odksim.project;

import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import dev.odksim.project.ProjectDtos.OnDemandView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Administration of projects, their locks and their on-demand configuration. */
@ApplicationScoped
public class ProjectService {

    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;

    @Transactional
    public Project createProject(String id, String name) {
        requireName(name);
        String projectId = Ids.chosenOr("id", id, Ids::uuid);
        if (Project.findById(projectId) != null) {
            throw ProblemException.conflict("A project with id '" + projectId + "' already exists");
        }
        Project project = new Project();
        project.id = projectId;
        project.name = name.strip();
        project.createdAt = clock.now();
        project.persist();
        OnDemandConfig onDemand = new OnDemandConfig();
        onDemand.projectId = projectId;
        onDemand.enabled = false;
        onDemand.authType = "none";
        onDemand.connectTimeoutMs = config.decision().connectTimeoutMs();
        onDemand.timeoutMs = config.decision().timeoutMs();
        onDemand.defaultDurationSeconds = config.decision().defaultDurationSeconds();
        onDemand.maxDurationSeconds = config.decision().maxDurationSeconds();
        onDemand.persist();
        return project;
    }

    public List<Project> projects() {
        return Project.list("order by createdAt, id");
    }

    public Project project(String projectId) {
        return Optional.ofNullable(Project.<Project>findById(projectId))
                .orElseThrow(() -> ProblemException.notFound("Project", projectId));
    }

    @Transactional
    public Lock createLock(String projectId, String id, String name) {
        return createLock(projectId, id, name, null);
    }

    /** A new virtual lock; {@code timezone} an IANA zone id (null: {@link Lock#DEFAULT_TIMEZONE}). */
    @Transactional
    public Lock createLock(String projectId, String id, String name, String timezone) {
        project(projectId);
        requireName(name);
        String zone = timezone == null ? Lock.DEFAULT_TIMEZONE : requireZone(timezone);
        String lockId = Ids.chosenOr("id", id, Ids::uuid);
        if (Lock.findById(lockId) != null) {
            throw ProblemException.conflict("A lock with id '" + lockId + "' already exists");
        }
        Lock lock = new Lock();
        lock.id = lockId;
        lock.projectId = projectId;
        lock.name = name.strip();
        lock.vendor = "virtual";
        lock.timezone = zone;
        lock.createdAt = clock.now();
        lock.persist();
        return lock;
    }

    public List<Lock> locks(String projectId) {
        project(projectId);
        return Lock.ofProject(projectId);
    }

    /** One page of a project's locks in id order (ids never change, so walking pages yields each lock once). */
    public List<Lock> lockPage(String projectId, String startAfterId, int limit) {
        project(projectId);
        return startAfterId == null
                ? Lock.<Lock>find("projectId = ?1 order by id", projectId).page(0, limit).list()
                : Lock.<Lock>find("projectId = ?1 and id > ?2 order by id", projectId, startAfterId).page(0, limit).list();
    }

    /** The lock with this id, in any project; 404 when unknown. */
    public Lock lock(String lockId) {
        return Optional.ofNullable(Lock.<Lock>findById(lockId)).orElseThrow(() -> ProblemException.notFound("Lock", lockId));
    }

    /** Sets the IANA time zone of a lock of {@code projectId} (recurrence of keys is evaluated in it). */
    @Transactional
    public Lock setTimezone(String projectId, String lockId, String timezone) {
        String zone = requireZone(timezone);
        Lock lock = Lock.<Lock>findByIdOptional(lockId).filter(l -> l.projectId.equals(projectId))
                .orElseThrow(() -> ProblemException.notFound("Lock", lockId));
        lock.timezone = zone;
        return lock;
    }

    private static String requireZone(String timezone) {
        if (timezone != null && timezone.contains("/") && java.time.ZoneId.getAvailableZoneIds().contains(timezone.strip())) {
            return timezone.strip();
        }
        if ("UTC".equals(timezone)) {
            return timezone;
        }
        throw ProblemException.badRequest("timezone", "must be an IANA time zone such as Europe/Oslo");
    }

    /** How many decisions the project's log keeps (its {@code decisionRetention}; unbounded without a configuration); 404 when unknown. */
    public int decisionRetention(String projectId) {
        OnDemandConfig config = onDemand(projectId);
        return config == null ? Integer.MAX_VALUE : config.decisionRetention;
    }

    /** One primary-key read on the request path; the project is looked up only when there is no configuration (404 or none). */
    public OnDemandConfig onDemand(String projectId) {
        OnDemandConfig config = OnDemandConfig.findById(projectId);
        if (config == null) {
            project(projectId);
        }
        return config;
    }

    /**
     * Replaces the on-demand configuration after validating all of it. A masked secret (as returned by GET) or an
     * absent one keeps the stored secret, so a read-modify-write round trip never loses it.
     */
    @Transactional
    public OnDemandConfig updateOnDemand(String projectId, OnDemandView update) {
        OnDemandConfig current = onDemand(projectId);
        List<InvalidParam> invalid = new ArrayList<>();
        boolean enabled = update.enabled() != null ? update.enabled() : current.enabled;
        String url = update.url() != null ? update.url().strip() : current.url;
        if (url != null && !url.isEmpty() && !OnDemandSecrets.isHttpUrl(url, false)) {
            invalid.add(new InvalidParam("url", "must be an absolute http or https URL of at most 2048 characters, without a query string "
                    + "or user:password (put secrets in auth)"));
        }
        if (enabled && (url == null || url.isEmpty())) {
            invalid.add(new InvalidParam("url", "is required when on-demand keys are enabled"));
        }
        OnDemandConfig secrets = new OnDemandConfig();
        copySecrets(current, secrets);
        if (update.auth() != null) {
            OnDemandSecrets.applyAuth(update.auth(), current, secrets, invalid);
        }
        if (update.signing() != null) {
            OnDemandSecrets.applySigning(update.signing(), current, secrets, invalid);
        }
        OnDemandSecrets.requireSecretsAfterMove(update, current, secrets, url, invalid);
        int breakerFailures = orDefault(update.circuitBreakerFailures(), current.breakerFailures);
        int breakerDelay = orDefault(update.circuitBreakerDelayMs(), current.breakerDelayMs);
        int maxConcurrent = orDefault(update.maxConcurrent(), current.maxConcurrent);
        int retention = orDefault(update.decisionRetention(), current.decisionRetention);
        if (breakerFailures < 1 || breakerFailures > 1000) {
            invalid.add(new InvalidParam("circuitBreakerFailures", "must be between 1 and 1000"));
        }
        if (breakerDelay < 1 || breakerDelay > 3_600_000) {
            invalid.add(new InvalidParam("circuitBreakerDelayMs", "must be between 1 and 3600000"));
        }
        if (maxConcurrent < 1 || maxConcurrent > 1000) {
            invalid.add(new InvalidParam("maxConcurrent", "must be between 1 and 1000"));
        }
        if (retention < 1 || retention > 1_000_000) {
            invalid.add(new InvalidParam("decisionRetention", "must be between 1 and 1000000"));
        }
        int connectTimeout = orDefault(update.connectTimeoutMs(), current.connectTimeoutMs);
        int timeout = orDefault(update.timeoutMs(), current.timeoutMs);
        long defaultDuration = update.defaultDurationSeconds() != null ? update.defaultDurationSeconds() : current.defaultDurationSeconds;
        long maxDuration = update.maxDurationSeconds() != null ? update.maxDurationSeconds() : current.maxDurationSeconds;
        if (connectTimeout < 1 || connectTimeout > 60_000) {
            invalid.add(new InvalidParam("connectTimeoutMs", "must be between 1 and 60000"));
        }
        if (timeout < 1 || timeout > 120_000) {
            invalid.add(new InvalidParam("timeoutMs", "must be between 1 and 120000"));
        }
        if (maxDuration < 1 || maxDuration > 366L * 86400) {
            invalid.add(new InvalidParam("maxDurationSeconds", "must be between 1 and 31622400"));
        }
        if (defaultDuration < 1 || defaultDuration > maxDuration) {
            invalid.add(new InvalidParam("defaultDurationSeconds", "must be between 1 and maxDurationSeconds"));
        }
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        String newUrl = url == null || url.isEmpty() ? null : url;
        if (!java.util.Objects.equals(newUrl, current.url) || !java.util.Objects.equals(secrets.authType, current.authType)
                || !java.util.Objects.equals(secrets.headerName, current.headerName)
                || !java.util.Objects.equals(secrets.headerValue, current.headerValue)) {
            // The user chose the target: it is theirs now, and the start-up never rewrites it (DemoData.followServer).
            current.followsServer = false;
        }
        current.enabled = enabled;
        current.url = newUrl;
        copySecrets(secrets, current);
        current.breakerFailures = breakerFailures;
        current.breakerDelayMs = breakerDelay;
        current.maxConcurrent = maxConcurrent;
        current.decisionRetention = retention;
        current.connectTimeoutMs = connectTimeout;
        current.timeoutMs = timeout;
        current.defaultDurationSeconds = defaultDuration;
        current.maxDurationSeconds = maxDuration;
        if (update.requireScanProof() != null) {
            current.requireScanProof = update.requireScanProof();
        }
        return current;
    }

    /** The configuration as the admin API shows it: secrets masked. */
    public static OnDemandView view(OnDemandConfig c) {
        return new OnDemandView(c.enabled, c.url, OnDemandSecrets.maskedAuth(c), c.connectTimeoutMs, c.timeoutMs,
                c.defaultDurationSeconds, c.maxDurationSeconds, OnDemandSecrets.maskedSigning(c), c.breakerFailures,
                c.breakerDelayMs, c.maxConcurrent, c.decisionRetention, c.requireScanProof);
    }

    private static void copySecrets(OnDemandConfig from, OnDemandConfig to) {
        to.authType = from.authType;
        to.headerName = from.headerName;
        to.headerValue = from.headerValue;
        to.oauthTokenUrl = from.oauthTokenUrl;
        to.oauthClientId = from.oauthClientId;
        to.oauthClientSecret = from.oauthClientSecret;
        to.oauthScope = from.oauthScope;
        to.signingSecret = from.signingSecret;
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.badRequest("name", "is required (1-200 characters)");
        }
    }
}
