package dev.odksim.common;

/**
 * The one catalogue of {@code reason} codes: every code a problem+json answer or a lock's refusal can carry, with the
 * HTTP status it comes with and the sentence the phone page shows for it. docs/reasons.md is checked against this enum
 * ({@code ReasonCatalogueTest}); the phone page loads the texts from {@code /app/reasons.js}; the OpenAPI document lists
 * the codes as the problem's {@code reason} enum.
 */
public enum Reason {
    // decisions (docs/design.md §6.4): the integrator's answer, or why there was none
    DENIED(Source.DECISION, 403, "The integrator said no: you have no task that lets you into this lock right now."),
    TIMEOUT(Source.DECISION, 504, "The integrator did not answer in time, so no key was made. Try again in a moment."),
    CONNECT_ERROR(Source.DECISION, 502, "The platform could not reach the integrator's endpoint, so no key was made."),
    HTTP_STATUS(Source.DECISION, 502, "The integrator answered with an error status instead of a decision, so no key was made."),
    REDIRECT(Source.DECISION, 502, "The integrator answered with a redirect; the platform does not follow redirects, so no key was made."),
    INVALID_RESPONSE(Source.DECISION, 502, "The integrator's answer broke the contract (see the detail), so no key was made."),
    AUTH_ERROR(Source.DECISION, 502, "The platform could not log in to the integrator (its token endpoint failed), so no key was made."),
    CIRCUIT_OPEN(Source.DECISION, 503, "The integrator has been failing, so calls to it are paused for a short while. Try again soon."),
    CONCURRENCY_LIMIT(Source.DECISION, 503, "Too many access decisions are in flight for this project right now; the integrator was not "
            + "asked. Try again in a moment."),
    BODY_TOO_LARGE(Source.DECISION, 502, "The integrator's answer was too large to be a decision, so no key was made."),

    // access requests
    ON_DEMAND_DISABLED(Source.ACCESS, 403, "You have no key for this lock, and its project does not hand out keys on demand."),
    SCAN_PROOF_REQUIRED(Source.ACCESS, 403, "This project requires you to be at the door: scan the lock's sticker, then request access."),
    SCAN_PROOF_INVALID(Source.ACCESS, 403, "The proof of your sticker scan is not valid. Scan the sticker again."),
    SCAN_PROOF_EXPIRED(Source.ACCESS, 403, "Your sticker scan is too old (it lasts about two minutes). Scan the sticker again."),
    SCAN_PROOF_WRONG_LOCK(Source.ACCESS, 403, "Your sticker scan was for another lock. Scan this lock's sticker."),
    SCAN_PROOF_WRONG_USER(Source.ACCESS, 403, "The sticker was scanned by another user. Scan it yourself."),
    IN_FLIGHT(Source.ACCESS, 503, "Another request of yours for this lock is still waiting for the integrator. Try again in a moment."),
    WRONG_PROJECT(Source.ACCESS, 403, "The /v2 access token belongs to another project: get a token for this project."),

    // keys
    KEY_ERROR(Source.KEY, 503, "The platform could not sign your key, so none was made. Try again; if it keeps failing, see the "
            + "simulator log."),
    KEY_WITHDRAWN(Source.KEY, 409, "The key was withdrawn while it was being made (for example the session ended), so none was issued. "
            + "Request access again."),

    // sticker scans (docs/design.md §5)
    UNKNOWN_TAG(Source.SCAN, 404, "This sticker is not registered with the simulator. Check the sticker, or create it on the dashboard."),
    RETIRED_TAG(Source.SCAN, 404, "This sticker has been retired and opens nothing."),
    SCAN_MALFORMED(Source.SCAN, 400, "This sticker URL is incomplete or altered: scan the sticker itself rather than a copied link."),
    SCAN_CLONE(Source.SCAN, 403, "This URL did not come from the registered chip: the sticker looks copied (or the URL was edited)."),
    SCAN_REPLAY(Source.SCAN, 403, "This sticker URL was already used: it is a replay of an earlier tap. Tap the sticker itself again."),
    SCAN_BAD_MAC(Source.SCAN, 403, "The sticker's signature does not verify: the URL was altered or forged."),

    // the virtual lock's refusals (the unlock answer, 403)
    EXPIRED(Source.LOCK, 403, "The key has expired. Request access again."),
    NOT_YET_VALID(Source.LOCK, 403, "The key is not valid yet: wait until its start time."),
    WRONG_LOCK(Source.LOCK, 403, "This key belongs to another lock."),
    BAD_SIGNATURE(Source.LOCK, 403, "The lock could not verify the key's signature."),
    UNKNOWN_SIGNING_KEY(Source.LOCK, 403, "The key was signed with a key this lock does not trust."),
    WRONG_ISSUER(Source.LOCK, 403, "The key was issued by someone this lock does not trust."),
    MALFORMED_KEY(Source.LOCK, 403, "The lock could not read the key."),
    REVOKED(Source.LOCK, 403, "The key has been revoked (by an admin, or because the session it was made for ended). Request access again."),
    PROOF_REQUIRED(Source.LOCK, 403, "This key is bound to your phone: the lock wants a signed challenge with it, and none was sent."),
    MALFORMED_PROOF(Source.LOCK, 403, "The lock could not read the phone's signed challenge."),
    DEVICE_KEY_MISMATCH(Source.LOCK, 403, "The challenge was not signed by the phone this key was made for: the key was copied, or "
            + "belongs to an earlier login. Request access again."),
    RATE_LIMITED(Source.LOCK, 429, "Too many unlock or challenge attempts in a minute, from this phone or at this lock. Wait a moment."),
    CHALLENGE_INVALID(Source.LOCK, 403, "The lock's challenge was unknown, too old (30 s) or already used. Press Unlock again for a fresh one."),
    OUTSIDE_SCHEDULE(Source.LOCK, 403, "This key opens only at its scheduled times of the week (in the lock's time zone), and this is not one."),

    // app login
    DEVICE_KEY_REUSED(Source.LOGIN, 409, "This device key was already registered by an earlier login. Log in again: a fresh one is made."),
    IDP_NOT_CONFIGURED(Source.LOGIN, 404, "This project has no identity provider for shift logins."),
    IDP_UNAVAILABLE(Source.LOGIN, 503, "The organisation's identity provider could not be reached to check your login. Try again soon."),
    IDP_TOKEN_MALFORMED(Source.LOGIN, 401, "The login token from your organisation is not a signed JWT."),
    IDP_TOKEN_WRONG_ISSUER(Source.LOGIN, 401, "The login token comes from an identity provider no project trusts."),
    IDP_TOKEN_WRONG_AUDIENCE(Source.LOGIN, 401, "The login token was not made for this platform (wrong audience)."),
    IDP_TOKEN_NO_PHONE_CLAIM(Source.LOGIN, 401, "The login token does not say your phone number."),
    IDP_TOKEN_BAD_PHONE(Source.LOGIN, 401, "The phone number in the login token is not a valid E.164 number."),
    IDP_TOKEN_EXPIRED(Source.LOGIN, 401, "The login token from your organisation has expired. Log in there again."),
    IDP_TOKEN_NOT_VALID_NOW(Source.LOGIN, 401, "The login token from your organisation is not valid at this time."),
    IDP_TOKEN_BAD_SIGNATURE(Source.LOGIN, 401, "The login token's signature does not verify with your organisation's keys."),
    IDP_TOKEN_UNKNOWN_KEY(Source.LOGIN, 401, "The login token is signed with a key your organisation does not publish."),
    LOGIN_RACE(Source.LOGIN, 409, "Another login on this phone finished at the same moment. Log in again."),

    // storage races (docs/architecture.md, durability and concurrency)
    CONFLICT(Source.STORAGE, 409, "Someone changed the same data at the same moment. Reload and try again if it still applies."),
    BUSY(Source.STORAGE, 503, "The simulator is busy with concurrent changes to the same data. Try again in a second."),

    // the phone page itself (no server answer)
    NO_DEVICE_KEY(Source.PHONE, 0, "This key is bound to a device key this browser no longer has (it was made for an earlier login). "
            + "Request access again.");

    /** Which part of the flow returns the code; the sections of docs/reasons.md. */
    public enum Source {
        DECISION("Decisions"), ACCESS("Access requests"), KEY("Keys"), SCAN("Sticker scans"), LOCK("Lock refusals"),
        LOGIN("App login"), STORAGE("Storage races"), PHONE("Phone page");

        private final String title;

        Source(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Source source;
    private final int status;
    private final String text;

    Reason(Source source, int status, String text) {
        this.source = source;
        this.status = status;
        this.text = text;
    }

    public Source source() {
        return source;
    }

    /** The HTTP status the code comes with (0: the phone page's own code, never sent by the server). */
    public int status() {
        return status;
    }

    /** The sentence a user is shown. */
    public String text() {
        return text;
    }
}
