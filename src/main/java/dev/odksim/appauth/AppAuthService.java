package dev.odksim.appauth;

import dev.odksim.common.DeviceKeys;
import dev.odksim.common.JsonWebKey;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.Secrets;
import dev.odksim.common.SimClock;
import dev.odksim.common.Problem;
import dev.odksim.common.StorageConflicts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * App login by one-time code: codes expire, are single use, and a phone number that guesses wrong too often or
 * asks for too many codes is locked out (429) for a while. Sessions are short-lived opaque Bearer tokens, started by
 * OTP or by token exchange (shift login); one live session per device, each with its own device key.
 */
@ApplicationScoped
public class AppAuthService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    SmsInbox sms;
    @Inject
    Event<SessionEnded> sessionEnded;

    /** A new session: the token is returned once and only its hash is kept. */
    public record Login(String accessToken, long expiresIn) {
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public void requestCode(String appUserId) {
        Instant now = clock.now();
        // Row lock: parallel requests for one number are counted one after the other, so the limit holds.
        OtpChallenge challenge = challengeOf(appUserId, now);
        refuseWhileLocked(challenge, now);
        if (Duration.between(challenge.windowStart, now).compareTo(config.otp().lockout()) > 0) {
            challenge.windowStart = now;
            challenge.requestsInWindow = 0;
        }
        if (challenge.requestsInWindow >= config.otp().maxRequests()) {
            challenge.lockedUntil = now.plus(config.otp().lockout());
            refuseWhileLocked(challenge, now);
        }
        challenge.requestsInWindow++;
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        challenge.codeHash = hash(appUserId, code);
        challenge.expiresAt = now.plus(config.otp().ttl());
        sms.send(appUserId, "Your odk-sim code is " + code + ". It expires in " + config.otp().ttl().toMinutes() + " minutes.", code);
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public Login verify(String appUserId, String code, String deviceId, String devicePublicKey) {
        Instant now = clock.now();
        requireFreshDeviceKey(devicePublicKey);
        // Row lock: parallel tries with one code must not both use it, nor wrong tries slip past the attempt count.
        OtpChallenge challenge = OtpChallenge.findById(appUserId, LockModeType.PESSIMISTIC_WRITE);
        if (challenge == null) {
            throw ProblemException.unauthorized("No code was requested for this phone number; request one first");
        }
        refuseWhileLocked(challenge, now);
        if (challenge.codeHash == null || !now.isBefore(challenge.expiresAt)) {
            throw ProblemException.unauthorized("The code has expired or was already used; request a new one");
        }
        if (!Secrets.equal(challenge.codeHash, hash(appUserId, code))) {
            challenge.failedAttempts++;
            if (challenge.failedAttempts >= config.otp().maxAttempts()) {
                challenge.lockedUntil = now.plus(config.otp().lockout());
                challenge.codeHash = null;
                challenge.failedAttempts = 0;
                throw ProblemException.unauthorized("Wrong code; too many wrong codes, this number is locked for "
                        + config.otp().lockout().toMinutes() + " minutes");
            }
            throw ProblemException.unauthorized("Wrong code (" + (config.otp().maxAttempts() - challenge.failedAttempts) + " tries left)");
        }
        challenge.codeHash = null;
        challenge.failedAttempts = 0;
        return startSession(appUserId, deviceId, devicePublicKey, "otp", null, now);
    }

    /**
     * A session for a user whose identity was vouched for by the project's identity provider (shift login). The token
     * was verified by {@link IdentityProviderService}; the same device rules as an OTP login apply.
     */
    @Transactional
    public Login exchange(String projectId, String appUserId, String deviceId, String devicePublicKey) {
        requireFreshDeviceKey(devicePublicKey);
        return startSession(appUserId, deviceId, devicePublicKey, "token-exchange", projectId, clock.now());
    }

    /**
     * A device key may belong to one login only (docs/design.md §7.3): the next worker on a shared phone must register a
     * fresh key, so keys bound to the previous worker's key can never be proven by the new session. Checked before
     * the code is used up.
     */
    private void requireFreshDeviceKey(String devicePublicKey) {
        String thumbprint = DeviceKeys.thumbprint(devicePublicKey);
        if (thumbprint != null && AppSession.count("deviceKeyThumbprint", thumbprint) > 0) {
            throw deviceKeyReused();
        }
    }

    private static ProblemException deviceKeyReused() {
        return new ProblemException(409, "Device key already used", "devicePublicKey was registered by an earlier login; "
                + "generate a fresh key pair for every login", List.of(new Problem.InvalidParam("devicePublicKey",
                "was registered by an earlier login")), "DEVICE_KEY_REUSED");
    }

    /**
     * Starts a session. A device has one live session at a time (a shared phone is one device with a sequence of
     * sessions): logging in on a device ends the session that was live on it, as a logout would. A session that merely
     * expired is ended too: its device-bound keys may outlive it, and the next worker on the phone must not inherit them.
     */
    private Login startSession(String appUserId, String deviceId, String devicePublicKey, String method, String projectId, Instant now) {
        if (deviceId != null) {
            List<AppSession> live = AppSession.<AppSession>find("deviceId = ?1 and endedAt is null", deviceId)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).list();
            for (AppSession previous : live) {
                end(previous, "replaced");
            }
            // Hibernate flushes inserts before updates: end the previous session first, or the new one collides with it.
            AppSession.flush();
        }
        String token = Ids.secret(32);
        AppSession session = new AppSession();
        session.tokenHash = Secrets.sha256(token);
        session.appUserId = appUserId;
        session.deviceId = deviceId;
        session.devicePublicKey = devicePublicKey;
        session.deviceKeyThumbprint = DeviceKeys.thumbprint(devicePublicKey);
        session.loginMethod = method;
        session.projectId = projectId;
        session.createdAt = now;
        session.expiresAt = now.plus(config.app().tokenTtl());
        session.liveDeviceId = deviceId;
        try {
            // Flushed here, not at commit: the unique constraints (device key once, one live session per device) decide
            // a race between two logins, and the loser must get its own clear 409, not a failed commit.
            session.persistAndFlush();
        } catch (PersistenceException e) {
            if (!StorageConflicts.isConstraintViolation(e)) {
                throw e;
            }
            // The session is unusable after a failed flush, so the constraint's name tells which rule the race broke.
            if (StorageConflicts.names(e, "app_sessions_device_key_once")) {
                throw deviceKeyReused();
            }
            throw new ProblemException(409, "Concurrent login", "Another login on device " + deviceId
                    + " finished at the same moment; log in again", null, "LOGIN_RACE");
        }
        return new Login(token, config.app().tokenTtl().getSeconds());
    }

    private void end(AppSession session, String why) {
        session.endedAt = clock.now();
        session.liveDeviceId = null;
        sessionEnded.fire(new SessionEnded(session.appUserId, session.deviceId, session.deviceKeyThumbprint, why));
    }

    /**
     * Locks a session's row for the caller's transaction and says whether it is still live (not ended). Ending a session
     * locks the same row first, so whatever the caller writes under this lock is either seen by the session's end (a
     * key it stores is revoked with the others) or comes after it and sees it ended.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lockLive(AppSession session) {
        AppSession locked = AppSession.findById(session.tokenHash, LockModeType.PESSIMISTIC_WRITE);
        return locked != null && locked.endedAt == null;
    }

    /** The live session of an access token, if any. */
    public Optional<AppSession> session(String accessToken) {
        Instant now = clock.now();
        return AppSession.<AppSession>findByIdOptional(Secrets.sha256(accessToken))
                .filter(s -> s.endedAt == null && now.isBefore(s.expiresAt));
    }

    @Transactional
    public void logout(String tokenHash) {
        AppSession session = AppSession.findById(tokenHash, LockModeType.PESSIMISTIC_WRITE);
        if (session != null && session.endedAt == null) {
            end(session, "logout");
        }
    }

    /** Checks an optional device public key: a P-256 public JWK (docs/design.md §7.3). Returns its JSON form. */
    public static String devicePublicKey(JsonWebKey jwk) {
        return DeviceKeys.require("devicePublicKey", jwk);
    }

    /**
     * The number's challenge row, locked for this transaction. A first request creates the row in its own
     * transaction; when parallel first requests race, the primary key lets one insert win and the others find it.
     */
    private OtpChallenge challengeOf(String appUserId, Instant now) {
        OtpChallenge challenge = OtpChallenge.findById(appUserId, LockModeType.PESSIMISTIC_WRITE);
        if (challenge != null) {
            return challenge;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                OtpChallenge fresh = new OtpChallenge();
                fresh.appUserId = appUserId;
                fresh.windowStart = now;
                fresh.persist();
            });
        } catch (RuntimeException e) {
            if (!StorageConflicts.isConstraintViolation(e)) {
                throw e;
            }
        }
        return OtpChallenge.findById(appUserId, LockModeType.PESSIMISTIC_WRITE);
    }

    private void refuseWhileLocked(OtpChallenge challenge, Instant now) {
        if (challenge.lockedUntil != null && now.isBefore(challenge.lockedUntil)) {
            long seconds = Math.max(1, Duration.between(now, challenge.lockedUntil).getSeconds());
            throw new TooManyRequests(seconds);
        }
    }

    private static String hash(String appUserId, String code) {
        return Secrets.sha256(appUserId + ":" + (code == null ? "" : code));
    }

    /** 429 with the time left, so the app can tell the user when to try again. */
    public static final class TooManyRequests extends ProblemException {
        private final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(429, "Too many attempts", "Too many codes or wrong codes for this number; try again in "
                    + retryAfterSeconds + " s", null, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
