package dev.odksim.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code odk.*} setting of the simulator. Environment variables map by the usual rule
 * ({@code odk.data-dir} is {@code ODK_DATA_DIR}). docs/configuration.md is checked against this interface.
 */
@ConfigMapping(prefix = "odk")
public interface OdkConfig {

    /** Directory holding the H2 database files and the generated admin token. */
    @WithDefault("./data")
    String dataDir();

    /**
     * Base URL that sticker URLs and links are built from, e.g. {@code http://192.168.1.20:8080}.
     * Default: computed from this host's LAN address and the HTTP port, so a phone on the same network can open it.
     */
    Optional<String> publicBaseUrl();

    /** Bearer token of the admin and simulator APIs. Default: generated on first start, stored in the data directory, printed once. */
    Optional<String> adminToken();

    /** Seed the demo project, locks, tags and integrator data into an empty database on start. */
    @WithDefault("true")
    boolean demoData();

    /** The app API's one-time codes. */
    Otp otp();

    /** The app API's access tokens. */
    App app();

    /** Signed keys. */
    Keys keys();

    /** The decision caller (docs/design.md §6). */
    Decision decision();

    /** The bundled reference integrator (docs/design.md §9). */
    Integrator integrator();

    /** Sticker trust: scan proofs (docs/design.md §5). */
    Stickers stickers();

    /** App Links / Universal Links and the browser hand-off to an app (docs/design.md §5). */
    AppLinks appLinks();

    /** Bounds on what unauthenticated callers may send (docs/security.md). */
    Limits limits();

    interface Otp {
        /** How long a one-time code stays valid. */
        @WithDefault("PT5M")
        Duration ttl();

        /** Wrong codes accepted before the phone number is locked out. */
        @WithDefault("5")
        int maxAttempts();

        /** How long a phone number stays locked out (429) after too many wrong codes or code requests. */
        @WithDefault("PT15M")
        Duration lockout();

        /** Codes that may be requested per phone number within one lockout period. */
        @WithDefault("5")
        int maxRequests();
    }

    interface App {
        /** Lifetime of an app access token. */
        @WithDefault("PT1H")
        Duration tokenTtl();
    }

    interface Keys {
        /** The {@code iss} claim of every key. */
        @WithDefault("odk-sim")
        String issuer();

        /** Clock skew the virtual lock tolerates on {@code nbf}/{@code exp}. */
        @WithDefault("PT30S")
        Duration lockSkew();

        /** How long a virtual lock's unlock challenge (nonce) stays valid; each nonce is single use. */
        @WithDefault("PT30S")
        Duration challengeTtl();

        /**
         * How often a virtual lock refreshes its revocation list and JWKS copy (measured with the simulator clock):
         * the longest time a revoked, unexpired key still opens a lock that no phone has synced.
         */
        @WithDefault("PT5M")
        Duration lockSyncInterval();

        /** A key still {@code creating} after this long (e.g. the server stopped while minting) becomes {@code error}. */
        @WithDefault("PT1M")
        Duration creatingTimeout();

        /** How long a retired signing key stays in the JWKS at least (longer while keys it signed are unexpired). */
        @WithDefault("PT24H")
        Duration previousKeyGrace();

        /** Validity of an assigned key created without {@code end}. */
        @WithDefault("PT24H")
        Duration assignedDefaultDuration();

        /** Longest validity of an assigned key. */
        @WithDefault("P366D")
        Duration assignedMaxDuration();

        /** Most keys in one assigned-key batch. */
        @WithDefault("500")
        int maxBatch();
    }

    /** Shift logins: token exchange of a JWT from a project's identity provider. */
    Idp idp();

    interface Idp {
        /** Connect and read timeout when fetching an identity provider's JWKS by URL. */
        @WithDefault("2000")
        int jwksTimeoutMs();

        /** Clock skew tolerated on the identity provider token's {@code exp}/{@code nbf}. */
        @WithDefault("60")
        int clockSkewSeconds();
    }

    /** Purging of old records by a scheduled job (never in the request path). */
    Retention retention();

    interface Retention {
        /** Keys whose end passed longer ago than this (expired or revoked) are deleted. */
        @WithDefault("P30D")
        Duration expiredKeys();

        /** Decisions older than this are deleted. */
        @WithDefault("P30D")
        Duration decisions();

        /** Virtual-lock access events older than this are deleted. */
        @WithDefault("P90D")
        Duration accessEvents();

        /** Finished webhook deliveries (delivered or failed) older than this are deleted with their attempts. */
        @WithDefault("P30D")
        Duration webhookDeliveries();

        /** How often the retention job runs (Quarkus scheduler syntax, e.g. {@code 1h}, {@code 10m}). */
        @WithDefault("1h")
        String every();

        /** Rows deleted per transaction, so the job never holds long locks on the tables the access path uses. */
        @WithDefault("500")
        int batchSize();
    }

    interface Decision {
        /** Largest integrator response body read; a larger one is the outcome BODY_TOO_LARGE. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** Default connect timeout of a project's decision call. */
        @WithDefault("1000")
        int connectTimeoutMs();

        /** Default total timeout of a project's decision call (docs/design.md §6.1). */
        @WithDefault("3000")
        int timeoutMs();

        /** Default key duration when the integrator sends no keyData (docs/design.md §6.1). */
        @WithDefault("1800")
        long defaultDurationSeconds();

        /** Default maximum key duration; longer grants are clamped (docs/design.md §6.1). */
        @WithDefault("86400")
        long maxDurationSeconds();
    }

    interface Integrator {
        /** The API key the reference integrator expects in {@code X-Api-Key}. */
        @WithDefault("demo-integrator-key")
        String apiKey();
    }

    interface Stickers {
        /** Lifetime of the signed scan proof a verified sticker scan yields. */
        @WithDefault("PT2M")
        Duration scanProofTtl();
    }

    interface AppLinks {
        /** Android application id for {@code /.well-known/assetlinks.json}, e.g. {@code com.example.odk}. Default: none (empty list). */
        Optional<String> androidPackage();

        /** SHA-256 fingerprints of the Android app's signing certificates ({@code AB:CD:...}), comma-separated. */
        Optional<List<String>> androidSha256CertFingerprints();

        /** iOS app ids ({@code TEAMID.bundle.id}) for {@code /.well-known/apple-app-site-association}, comma-separated. */
        Optional<List<String>> iosAppIds();

        /**
         * Link that hands a browser's sticker scan to an app: a custom scheme or an Android intent URL, with the
         * placeholders {@code {tagId}}, {@code {lockId}}, {@code {scanProof}} and {@code {phoneUrl}} (the phone web page,
         * e.g. as {@code S.browser_fallback_url}), each percent-encoded. Default: none (browsers get the phone web page).
         */
        Optional<String> openInAppUrl();

        /** With an open-in-app URL: send browsers straight to it (303) instead of showing the phone page with an "Open in app" link. */
        @WithDefault("false")
        boolean redirectBrowsers();
    }
    /** Access Event webhooks (docs/webhooks.md). */
    Webhooks webhooks();

    interface Webhooks {
        /** A delivery attempt without an HTTP status within this time fails as a timeout and is retried. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Run the delivery worker in the background (a scheduler tick and a nudge after each unlock); off, deliveries wait in the outbox. */
        @WithDefault("true")
        boolean worker();

        /** How often the worker looks for due deliveries (Quarkus scheduler syntax, e.g. {@code 1s}). */
        @WithDefault("1s")
        String pollEvery();

        /** Most deliveries in flight to one webhook at the same time, across all instances sharing the database. */
        @WithDefault("4")
        int maxConcurrencyPerEndpoint();

        /** Threads of this instance that send deliveries. */
        @WithDefault("8")
        int senders();

        /** Retries stop this long after the event (simulator clock): the delivery is then {@code failed}. */
        @WithDefault("P3D")
        Duration retryFor();

        /** A webhook whose every delivery failed for this long (simulator clock) is disabled. */
        @WithDefault("PT24H")
        Duration disableAfter();

        /** After a secret rotation the previous secret keeps signing alongside the new one for this long. */
        @WithDefault("PT24H")
        Duration previousSecretGrace();
    }

    /** HTTPS next to HTTP, for phones on the LAN (docs/phones.md). Its port is {@code quarkus.http.ssl-port} ({@code ODK_HTTPS_PORT}, default 8443). */
    Https https();

    interface Https {
        /**
         * Serve HTTPS. Without a supplied certificate, a local CA is made on first start in the data directory's
         * {@code tls} folder and signs a certificate for this host's LAN addresses, host name and localhost; phones
         * trust the CA once through {@code /trust}.
         */
        @WithDefault("true")
        boolean enabled();

        /** A PEM certificate (chain, server certificate first) to serve instead of the generated one, e.g. a real domain's or mkcert's. Needs the key file. */
        Optional<String> certificateFile();

        /** The PEM private key (unencrypted) of the supplied certificate file. */
        Optional<String> keyFile();
    }

    interface Limits {
        /**
         * Largest request body of every endpoint outside the admin APIs ({@code /api/admin/}, {@code /integrator/admin/}),
         * which take up to {@code quarkus.http.limits.max-body-size}. Bodies there must declare their length.
         */
        @WithDefault("65536")
        int publicBodyBytes();

        /** Challenge and unlock attempts one virtual lock answers per minute (simulator clock); more get 429. */
        @WithDefault("60")
        int lockAttemptsPerMinute();

        /** Challenge and unlock attempts one client address may make per minute, over all locks; more get 429. */
        @WithDefault("600")
        int addressAttemptsPerMinute();
    }

    /** Several instances on one database behind a load balancer (docs/operations.md). */
    Cluster cluster();

    interface Cluster {
        /** This instance's name in leases, single-flight claims and logs. Default: the host name and a random suffix, new on every start. */
        Optional<String> instanceId();

        /**
         * How long an instance answers with its cached time-travel offset before reading it from the database again:
         * the longest time time travel done through another instance takes to reach this one.
         */
        @WithDefault("PT1S")
        Duration clockRefresh();

        /**
         * How often the signing keys are reloaded from the database: the longest time a rotation done through another
         * instance takes to reach this instance's signing and JWKS.
         */
        @WithDefault("5s")
        String keyReload();

        /**
         * Longest time a single-flight claim holds (an instance stopped mid-decision blocks the same user, lock and
         * device at most this long); also how long a waiting request waits before answering 503.
         */
        @WithDefault("PT60S")
        Duration flightTimeout();

        /**
         * Where single-flight claims live: {@code database} (a row each, for instances sharing a database),
         * {@code in-process} (this instance alone can reach the database), or {@code auto}: in-process on an embedded H2
         * file or memory database, which only one process can open, and in the database otherwise.
         */
        @WithDefault("auto")
        String flightClaims();
    }
}
