package dev.odksim.access;

import dev.odksim.common.SingleFlight;
import dev.odksim.appauth.AppAuthService;
import dev.odksim.appauth.AppSession;
import dev.odksim.common.ProblemException;
import dev.odksim.decision.DecisionResult;
import dev.odksim.decision.DecisionResult.Granted;
import dev.odksim.decision.DecisionService;
import dev.odksim.key.AccessKey;
import dev.odksim.key.KeyService;
import dev.odksim.key.KeyService.KeyRequest;
import dev.odksim.project.Lock;
import dev.odksim.project.OnDemandConfig;
import dev.odksim.project.ProjectService;
import dev.odksim.tag.ScanProofs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The orchestration of docs/design.md §2: an existing active key first (§7.1); otherwise the integrator's decision (§6);
 * on a grant a key is minted (§7.2). Every other outcome ends in a problem and no key.
 */
@ApplicationScoped
public class AccessService {

    @Inject
    ProjectService projects;
    @Inject
    KeyService keys;
    @Inject
    DecisionService decisions;
    @Inject
    ScanProofs scanProofs;
    @Inject
    FlightClaims claims;
    @Inject
    AppAuthService auth;

    private final SingleFlight<String, AccessResult> flights = new SingleFlight<>();

    /**
     * @param session   the app session asking (its user; its device key, for bound keys)
     * @param scanProof the signed proof of a sticker scan, when the app has one (may be null)
     */
    public AccessResult requestAccess(AppSession session, String lockId, String scanProof) {
        String appUserId = session.appUserId;
        // §7.1 first: an active key is a read, nothing to coordinate, so it is returned without a claim (two
        // transactions saved on every repeat request). Without one, the flight below looks again once it holds the claim.
        // Locks are never deleted, so a key names a lock that exists: the lock is read only when there is no key.
        var existing = keys.activeKey(appUserId, lockId, session.devicePublicKey);
        if (existing.isPresent()) {
            return new AccessResult.Existing(existing.get());
        }
        Lock lock = projects.lock(lockId);
        // §6.5: a double tap or parallel requests of one user (and device) for one lock share one decision and one key:
        // coalesced in this instance (flights), and one at a time across instances (claims, a database row).
        String key = appUserId + "|" + lockId + "|" + session.deviceId;
        return flights.run(key, () -> claims.holding(key, () -> existingOrOnDemand(session, lock, scanProof)));
    }

    private AccessResult existingOrOnDemand(AppSession session, Lock lock, String scanProof) {
        String appUserId = session.appUserId;
        String lockId = lock.id;
        // Again under the claim: the key a parallel request minted while this one waited for the claim.
        var existing = keys.activeKey(appUserId, lockId, session.devicePublicKey);
        if (existing.isPresent()) {
            return new AccessResult.Existing(existing.get());
        }
        OnDemandConfig onDemand = projects.onDemand(lock.projectId);
        if (!onDemand.enabled || onDemand.url == null) {
            throw new ProblemException(403, "Access denied", "You have no key for this lock and on-demand keys are not enabled for its project",
                    null, "ON_DEMAND_DISABLED");
        }
        if (onDemand.requireScanProof) {
            // §5 physical presence: checked before the integrator is asked; an existing key (above) needs no new scan.
            scanProofs.require(scanProof, lockId, appUserId);
        }
        DecisionService.MadeDecision made = decisions.decide(onDemand, lockId, appUserId);
        DecisionResult result = made.result();
        if (result instanceof Granted granted) {
            return new AccessResult.OnDemand(made.decisionId(), mint(session, made, new KeyRequest(lock.projectId, lockId, appUserId,
                    granted.start(), granted.end(), "on-demand", made.decisionId()).boundTo(session.devicePublicKey)));
        }
        decisions.storeAlone(made);
        String title = result instanceof DecisionResult.Denied ? "Access denied" : "Access decision failed";
        throw new ProblemException(result.outcome().appStatus(), title, result.reason(), null, result.outcome().name())
                .withDecision(made.decisionId()).withRetryAfter(made.retryAfterSeconds());
    }

    /**
     * The granted key, signed in memory and then stored with its decision record in one transaction: one commit for the
     * whole grant (docs/benchmarks.md). A device-bound key is stored under the lock of its session's row, the row a
     * session's end locks before it revokes the device's keys: the key is either revoked with them or never stored.
     * A key that could not be signed is stored as error (no token) and the app gets a 503.
     */
    private AccessKey mint(AppSession session, DecisionService.MadeDecision made, KeyRequest request) {
        AccessKey key = keys.signNew(request);
        boolean stored;
        try {
            stored = QuarkusTransaction.requiringNew().call(() -> {
                if (request.deviceKey() != null && !auth.lockLive(session)) {
                    return false;
                }
                decisions.store(made);
                keys.store(key);
                return true;
            });
        } catch (RuntimeException e) {
            // The decision is recorded whatever happened to its key.
            try {
                decisions.storeAlone(made);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        if (!stored) {
            decisions.storeAlone(made);
            throw new ProblemException(409, "Key withdrawn", "The session ended while its key was being made; no key was issued",
                    null, "KEY_WITHDRAWN").withDecision(made.decisionId());
        }
        if (key.token == null) {
            throw new ProblemException(503, "Key could not be issued", "The platform could not sign the key; try again",
                    null, "KEY_ERROR").withDecision(made.decisionId());
        }
        return key;
    }
}
