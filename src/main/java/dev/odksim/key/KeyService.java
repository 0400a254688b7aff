package dev.odksim.key;

import dev.odksim.signing.SigningKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.odksim.common.DeviceKeys;
import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Minting, storing and finding keys (docs/design.md §7). A key is minted in two steps: its row is reserved as
 * {@code creating}, then signed and stored as issued; a failure in between leaves it {@code error} (never a token).
 */
@ApplicationScoped
public class KeyService {

    private static final Logger LOG = Logger.getLogger(KeyService.class);

    /** The JOSE {@code typ} of a key, so a key cannot be confused with another JWT the platform signs. */
    public static final JOSEObjectType KEY_TYPE = new JOSEObjectType("odk-key+jwt");

    @Inject
    SigningKeys signingKeys;
    @Inject
    SimClock clock;
    @Inject
    OdkConfig config;
    @Inject
    AgroalDataSource database;

    /**
     * What a new key is for; start and end are whole seconds, as the JWS carries them. {@code deviceKey} is the public
     * JWK (JSON) the key is bound to (RFC 7800 {@code cnf}), or null for a bearer key.
     */
    public record KeyRequest(String projectId, String lockId, String appUserId, Instant start, Instant end,
                             String source, String decisionId, String deviceKey) {

        public KeyRequest(String projectId, String lockId, String appUserId, Instant start, Instant end, String source, String decisionId) {
            this(projectId, lockId, appUserId, start, end, source, decisionId, null);
        }

        /** The same request, bound to a device's public key (null: unbound). */
        public KeyRequest boundTo(String devicePublicKey) {
            return new KeyRequest(projectId, lockId, appUserId, start, end, source, decisionId, devicePublicKey);
        }
    }

    /**
     * Mints keys all-or-nothing: every key is issued, or every key ends in {@code error} with no token. Two short
     * transactions and one statement per key in each (docs/benchmarks.md says why both stay): the insert of the
     * reservation, then, after signing in memory, the conditional update that issues it.
     */
    public List<AccessKey> mintAll(List<KeyRequest> requests) {
        return issueAll(QuarkusTransaction.requiringNew().call(() -> requests.stream().map(this::reserve).toList()));
    }

    /**
     * A new key signed in memory, not yet stored: {@link #store} writes it in the caller's transaction, issued, with what
     * else that transaction holds (the on-demand flow's decision record: one commit for both). On a signing failure it
     * comes back in state error, without a token, to be stored all the same. Unlike {@link #mintAll}, no row exists
     * before the signature: the caller orders the store against whatever could withdraw the key (a device-bound key's
     * session end: AccessService locks the session row first).
     */
    public AccessKey signNew(KeyRequest request) {
        AccessKey key = reservation(request);
        try {
            SigningKeys.Current signingKey = signingKeys.currentSigner();
            key.token = sign(key, signingKey, clock.now());
            key.signingKid = signingKey.key().getKeyID();
            key.state = KeyState.ISSUED;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Signing key %s failed; it is stored as error", key.id);
            key.token = null;
            key.signingKid = null;
            key.state = KeyState.STORED_ERROR;
        }
        return key;
    }

    /** Stores a key from {@link #signNew} in the caller's transaction. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void store(AccessKey signed) {
        signed.persist();
    }

    /** Step 2 for reserved keys by id (a test revokes a key between the two steps). */
    List<AccessKey> issueAllById(List<String> ids) {
        return issueAll(QuarkusTransaction.requiringNew().call(() -> ids.stream().map(id -> AccessKey.<AccessKey>findById(id)).toList()));
    }

    /** Step 2 for reserved keys, all or nothing: signed outside any transaction, then issued in one. */
    private List<AccessKey> issueAll(List<AccessKey> reserved) {
        List<String> ids = reserved.stream().map(k -> k.id).toList();
        try {
            SigningKeys.Current signingKey = signingKeys.currentSigner();
            Instant now = clock.now();
            for (AccessKey key : reserved) {
                key.token = sign(key, signingKey, now);
                key.signingKid = signingKey.key().getKeyID();
            }
            QuarkusTransaction.requiringNew().run(() -> reserved.forEach(this::issue));
            reserved.forEach(key -> key.state = KeyState.ISSUED);
            return reserved;
        } catch (RuntimeException e) {
            reserved.forEach(key -> key.token = null);
            QuarkusTransaction.requiringNew().run(() -> AccessKey.update("state = ?1 where id in ?2 and state = ?3",
                    KeyState.STORED_ERROR, ids, KeyState.STORED_CREATING));
            if (e instanceof ProblemException withdrawn) {
                LOG.warnf("Keys %s were not issued: %s", ids, withdrawn.getMessage());
                throw withdrawn;
            }
            LOG.errorf(e, "Signing keys %s failed; they are marked error", ids);
            throw new ProblemException(503, "Key could not be issued", "The platform could not sign the key; try again",
                    null, "KEY_ERROR");
        }
    }

    /** Step 1: the key's row, without a token. Package-private so a test can leave a key stuck in creating. */
    AccessKey reserve(KeyRequest request) {
        AccessKey key = reservation(request);
        key.persist();
        return key;
    }

    /** A new key row in state creating, not yet persisted. */
    private AccessKey reservation(KeyRequest request) {
        AccessKey key = new AccessKey();
        key.id = Ids.uuid();
        key.projectId = request.projectId();
        key.lockId = request.lockId();
        key.appUserId = request.appUserId();
        key.start = request.start();
        key.end = request.end();
        key.source = request.source();
        key.decisionId = request.decisionId();
        key.cnfJwk = request.deviceKey();
        key.cnfThumbprint = DeviceKeys.thumbprint(request.deviceKey());
        key.createdAt = clock.now();
        key.state = KeyState.STORED_CREATING;
        return key;
    }

    /**
     * Reserves keys whose signing comes later, by a provisioning job (the {@code /v2} API, dev.odksim.unloc): each row as
     * {@link #reserve}, then {@code details} adds what that caller tracks (job, recurrence, ...). Runs in the caller's
     * transaction, so a batch is stored whole or not at all.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public List<AccessKey> reserveAll(List<KeyRequest> requests, java.util.function.ObjIntConsumer<AccessKey> details) {
        // One batched insert per 500 rows, each row complete when persisted (no update after it): 5,000 keys stay fast.
        AccessKey.getEntityManager().unwrap(org.hibernate.Session.class).setJdbcBatchSize(500);
        java.util.ArrayList<AccessKey> reserved = new java.util.ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            AccessKey key = reservation(requests.get(i));
            details.accept(key, i);
            key.persist();
            reserved.add(key);
        }
        return reserved;
    }

    /**
     * Ends the provisioning of a reserved key, in the caller's transaction: a key planned to fail ({@code failure} set)
     * becomes {@code error}, any other is signed and issued. A key that left {@code creating} meanwhile (revoked) is
     * left alone and never gets a token. Returns whether this call changed the key.
     */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public boolean completeProvisioning(String id) {
        AccessKey key = AccessKey.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (key == null || !KeyState.STORED_CREATING.equals(key.state)) {
            return false;
        }
        if (key.failure != null) {
            key.state = KeyState.STORED_ERROR;
            return true;
        }
        SigningKeys.Current signingKey = signingKeys.currentSigner();
        key.token = sign(key, signingKey, clock.now());
        key.signingKid = signingKey.key().getKeyID();
        key.state = KeyState.ISSUED;
        return true;
    }

    /**
     * Stores a signed key as issued, unless it left {@code creating} meanwhile (revoked when its session ended, or
     * failed as abandoned): one conditional update, so such a key never gets its token stored or returned, and a
     * concurrent revocation is ordered by the row lock the update takes.
     */
    private void issue(AccessKey key) {
        // Plain JDBC in the surrounding transaction: Hibernate translated this bulk update anew on every execution (its
        // SQM interpretation was 40% of the update's samples in the on-demand profile, docs/benchmarks.md).
        int updated;
        try (Connection connection = database.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update access_keys set token = ?, signing_kid = ?, state = ? where id = ? and state = ?")) {
            update.setString(1, key.token);
            update.setString(2, key.signingKid);
            update.setString(3, KeyState.ISSUED);
            update.setString(4, key.id);
            update.setString(5, KeyState.STORED_CREATING);
            updated = update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot issue key " + key.id, e);
        }
        if (updated != 1) {
            String now = AccessKey.<AccessKey>findByIdOptional(key.id).map(k -> k.state).orElse("gone");
            throw new ProblemException(409, "Key withdrawn", "Key " + key.id + " became " + now
                    + " before it was signed (e.g. the session ended); no key was issued", null, "KEY_WITHDRAWN");
        }
    }

    private String sign(AccessKey key, SigningKeys.Current signingKey, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(config.keys().issuer())
                .subject(key.appUserId)
                .audience(key.lockId)
                .jwtID(key.id)
                .notBeforeTime(Date.from(key.start))
                .expirationTime(Date.from(key.end))
                .issueTime(Date.from(now))
                .claim("project", key.projectId)
                .claim("source", key.source);
        if (key.decisionId != null) {
            claims.claim("decisionId", key.decisionId);
        }
        if (key.recurrence != null) {
            try {
                claims.claim("recurrence", com.nimbusds.jose.util.JSONObjectUtils.parse(key.recurrence));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("Stored recurrence of key " + key.id + " is not JSON", e);
            }
        }
        if (key.cnfJwk != null) {
            claims.claim("cnf", Map.of("jwk", DeviceKeys.parse(key.cnfJwk).toJSONObject()));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.key().getKeyID()).type(KEY_TYPE).build(),
                claims.build());
        try {
            jwt.sign(signingKey.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign key " + key.id, e);
        }
        return jwt.serialize();
    }

    /** Whether keys can be signed yet: false at start-up until the signing keys are loaded (their start-up observer). */
    public boolean signingReady() {
        return signingKeys.current() != null;
    }

    /** The existing key of docs/design.md §7.1 (unbound, as before device binding). */
    public Optional<AccessKey> activeKey(String appUserId, String lockId) {
        return activeKey(appUserId, lockId, null);
    }

    /**
     * The existing key of docs/design.md §7.1: issued, not revoked, its window containing now, and usable by this device:
     * bound to {@code devicePublicKey} or not bound at all (a key bound to another device key is useless here).
     * The one lasting longest.
     */
    public Optional<AccessKey> activeKey(String appUserId, String lockId, String devicePublicKey) {
        Instant now = clock.now();
        String thumbprint = DeviceKeys.thumbprint(devicePublicKey);
        String binding = thumbprint == null ? "cnfThumbprint is null" : "(cnfThumbprint is null or cnfThumbprint = :thumbprint)";
        Parameters params = Parameters.with("user", appUserId).and("lock", lockId).and("issued", KeyState.ISSUED).and("now", now);
        if (thumbprint != null) {
            params.and("thumbprint", thumbprint);
        }
        return AccessKey.<AccessKey>find("appUserId = :user and lockId = :lock and state = :issued and start <= :now and end > :now and "
                        + binding + " order by end desc", params)
                .firstResultOptional();
    }

    public List<AccessKey> keysOf(String appUserId) {
        return AccessKey.list("appUserId = ?1 order by createdAt desc", appUserId);
    }

    /** A key by id, only if it belongs to {@code appUserId} (another user's key is indistinguishable from none). */
    public Optional<AccessKey> keyOf(String appUserId, String keyId) {
        return AccessKey.<AccessKey>findByIdOptional(keyId).filter(k -> k.appUserId.equals(appUserId));
    }

    public Optional<AccessKey> keyOfProject(String projectId, String keyId) {
        return AccessKey.<AccessKey>findByIdOptional(keyId).filter(k -> k.projectId.equals(projectId));
    }

    /** Admin listing, all pages at once (filters optional). */
    public List<AccessKey> keysOfProject(String projectId, String appUserId, String lockId, KeyState state) {
        return page(projectId, appUserId, lockId, state, null, Integer.MAX_VALUE);
    }

    /**
     * One page of a project's keys in id order (stable, so walking pages with {@code startAfterId} yields every key
     * exactly once). {@code state} is translated into a query on the stored state, window and clock.
     */
    public List<AccessKey> page(String projectId, String appUserId, String lockId, KeyState state, String startAfterId, int limit) {
        StringBuilder query = new StringBuilder();
        Parameters params = projectFilter(query, projectId, appUserId, lockId);
        if (startAfterId != null) {
            query.append(" and id > :after");
            params.and("after", startAfterId);
        }
        if (state != null) {
            query.append(" and ").append(stateCondition(state));
            if (state == KeyState.SCHEDULED || state == KeyState.ACTIVE || state == KeyState.EXPIRED) {
                params.and("issued", KeyState.ISSUED).and("now", clock.now());
            } else {
                params.and("stored", state.wire());
            }
        }
        return AccessKey.<AccessKey>find(query + " order by id", params).page(0, limit).list();
    }

    /** The project, and the user and lock when given, as a Panache query prefix; the parameters it binds. */
    private static Parameters projectFilter(StringBuilder query, String projectId, String appUserId, String lockId) {
        query.append("projectId = :project");
        Parameters params = Parameters.with("project", projectId);
        if (appUserId != null) {
            query.append(" and appUserId = :user");
            params.and("user", appUserId);
        }
        if (lockId != null) {
            query.append(" and lockId = :lock");
            params.and("lock", lockId);
        }
        return params;
    }

    private static String stateCondition(KeyState state) {
        switch (state) {
            case SCHEDULED:
                return "state = :issued and start > :now";
            case ACTIVE:
                return "state = :issued and start <= :now and end > :now";
            case EXPIRED:
                return "state = :issued and end <= :now";
            default:
                return "state = :stored";
        }
    }

    /**
     * A key still creating after {@code odk.keys.creating-timeout} was abandoned mid-mint: it becomes error. Returns how
     * many. Keys of a {@code /v2} job are not abandoned: their provisioning job finishes them, also after a restart.
     */
    public int failAbandoned() {
        Instant cutoff = clock.now().minus(config.keys().creatingTimeout());
        return QuarkusTransaction.requiringNew().call(() -> AccessKey.update("state = ?1 where state = ?2 and createdAt < ?3 and jobRef is null",
                KeyState.STORED_ERROR, KeyState.STORED_CREATING, cutoff));
    }

    /**
     * One page of a project's keys in {@code seq} order (the database's insertion order, never changed): walking pages
     * with the last key's seq yields every key exactly once, and keys created meanwhile come after all seen so far.
     * {@code excluded} states are left out (translated into conditions on stored state, window and clock).
     */
    public List<AccessKey> pageInCreationOrder(String projectId, String appUserId, String lockId, java.util.Set<KeyState> excluded,
                                               Long afterSeq, int limit) {
        StringBuilder query = new StringBuilder();
        Parameters params = projectFilter(query, projectId, appUserId, lockId);
        if (afterSeq != null) {
            query.append(" and seq > :after");
            params.and("after", afterSeq);
        }
        if (!excluded.isEmpty()) {
            for (KeyState state : excluded) {
                switch (state) {
                    case SCHEDULED -> query.append(" and not (state = :issued and start > :now)");
                    case ACTIVE -> query.append(" and not (state = :issued and start <= :now and end > :now)");
                    case EXPIRED -> query.append(" and not (state = :issued and end <= :now)");
                    default -> query.append(" and state <> :stored_").append(state.wire());
                }
                if (state == KeyState.SCHEDULED || state == KeyState.ACTIVE || state == KeyState.EXPIRED) {
                    params.and("issued", KeyState.ISSUED).and("now", clock.now());
                } else {
                    params.and("stored_" + state.wire(), state.wire());
                }
            }
        }
        return AccessKey.<AccessKey>find(query + " order by seq", params).page(0, limit).list();
    }

    public Instant now() {
        return clock.now();
    }
}
