package dev.odksim.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.odksim.common.Ids;
import dev.odksim.decision.CallerAuth;
import dev.odksim.decision.DecisionResult.Denied;
import dev.odksim.decision.DecisionResult.Granted;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks that ask something of the endpoint: auth, the known pairs, unknown and malformed inputs, the two forms
 * of {@code +}, hostile inputs. Every request goes through {@link Prober}; every answer is kept for {@link AnswerChecks}.
 */
final class RequestChecks {

    /** A valid E.164 number from the range reserved for fiction (+1 202 555 01xx): no integrator knows it. */
    static final String UNKNOWN_USER = "+12025550199";

    private final Prober prober;
    private final Endpoint target;
    private final List<Evidence> all;

    RequestChecks(Prober prober, List<Evidence> all) {
        this.prober = prober;
        this.target = prober.endpoint();
        this.all = all;
    }

    Evidence send(String label, Endpoint.Pair pair, CallerAuth auth) {
        return keep(prober.send(label, pair.lockId(), pair.appUserId(), auth));
    }

    private Evidence keep(Evidence exchange) {
        all.add(exchange);
        return exchange;
    }

    CheckResult authMissing() {
        Evidence answer = send("grant pair without the auth header", target.grant(), new CallerAuth.None());
        boolean ok = isAuthRefusal(answer);
        String none = target.hasAuth() ? "" : "no auth is configured (--header), so the endpoint is open: ";
        return CheckResult.of(Check.AUTH_MISSING, ok, ok ? "refused with HTTP " + answer.status()
                : none + (answer.grantsAccess() ? "GRANTED access without the auth header; anyone who finds the URL can query it"
                : "expected 401 or 403 without the auth header, got " + answer.summary()), List.of(answer), answer);
    }

    CheckResult authWrong() {
        CallerAuth wrong = prober.wrongAuth();
        if (wrong == null) {
            return CheckResult.of(Check.AUTH_WRONG, false, "no auth is configured (--header), so there is no value to get "
                    + "wrong: protect the endpoint with a header the platform sends", List.of(), null);
        }
        Evidence answer = send("grant pair with a wrong auth header value", target.grant(), wrong);
        boolean ok = isAuthRefusal(answer);
        return CheckResult.of(Check.AUTH_WRONG, ok, ok ? "refused with HTTP " + answer.status()
                : answer.grantsAccess() ? "GRANTED access with a wrong auth header value; compare the whole value (in constant time)"
                : "expected 401 or 403 for a wrong auth header value, got " + answer.summary(), List.of(answer), answer);
    }

    private static boolean isAuthRefusal(Evidence answer) {
        return (answer.statusIn(401, 401) || answer.statusIn(403, 403)) && !answer.grantsAccess();
    }

    static CheckResult grant(Evidence answer) {
        boolean ok = answer.result() instanceof Granted;
        return CheckResult.of(Check.GRANT, ok, ok ? "granted: " + answer.reason()
                : "expected a grant for " + answer.url() + "; " + answer.summary(), List.of(answer), answer);
    }

    CheckResult deny(Evidence answer) {
        boolean ok = answer.result() instanceof Denied;
        return CheckResult.of(Check.DENY, ok, ok ? "denied with 200 and hasAccess false"
                : answer.result() instanceof Granted ? "GRANTED the deny pair " + target.deny() + "; is --deny a pair without access?"
                : "expected 200 with hasAccess false; " + answer.summary(), List.of(answer), answer);
    }

    CheckResult unknownLock() {
        Endpoint.Pair pair = new Endpoint.Pair("odk-sim-unknown-lock-" + Ids.shortId(8), target.grant().appUserId());
        return denialOf(Check.LOCK_UNKNOWN, send("grant user at an unknown lock", pair, prober.auth()), "lock");
    }

    CheckResult unknownUser() {
        Endpoint.Pair pair = new Endpoint.Pair(target.grant().lockId(), UNKNOWN_USER);
        return denialOf(Check.USER_UNKNOWN, send("unknown phone number at the grant lock", pair, prober.auth()), "phone number");
    }

    /** A clean denial passes; a 4xx also keeps the door shut, but the app then shows an integration error instead of "no access". */
    private static CheckResult denialOf(Check check, Evidence answer, String what) {
        if (answer.result() instanceof Denied) {
            return CheckResult.of(check, true, "denied with 200 and hasAccess false", List.of(answer), answer);
        }
        if (answer.statusIn(400, 499) && !answer.grantsAccess()) {
            return CheckResult.of(check, true, "refused with HTTP " + answer.status() + " (fail-closed; a 200 with hasAccess "
                    + "false lets the app say \"no access\" instead of an integration error)", List.of(answer), answer);
        }
        String why = answer.grantsAccess() ? "GRANTED access for an unknown " + what
                : answer.serverError() ? "server error for an unknown " + what + ": " + answer.summary()
                : "expected 200 with hasAccess false; " + answer.summary();
        return CheckResult.of(check, false, why, List.of(answer), answer);
    }

    CheckResult malformedUser() {
        String digitsOnly = target.grant().appUserId().substring(1);
        List<Evidence> answers = new ArrayList<>();
        for (String value : List.of("not-a-phone-number", digitsOnly, "+47", "")) {
            answers.add(keep(prober.send("appUserId '" + value + "'", target.grant().lockId(), value, prober.auth())));
        }
        return neverGrantNever5xx(Check.USER_MALFORMED, answers);
    }

    CheckResult hostile() {
        String lock = target.grant().lockId();
        String user = target.grant().appUserId();
        List<String[]> inputs = List.of(
                new String[]{"x".repeat(2000), user}, new String[]{lock + "' OR '1'='1", user},
                new String[]{lock + "\"; DROP TABLE locks; --", user}, new String[]{"../../../../etc/passwd", user},
                new String[]{"<script>alert(1)</script>", user}, new String[]{"${jndi:ldap://odk-sim.invalid/a}", user},
                new String[]{lock + "\u0000", user}, new String[]{lock, user + "' OR '1'='1"},
                new String[]{lock, "' OR 1=1 --"}, new String[]{lock, "+" + "9".repeat(2000)}, new String[]{lock, "../../etc/passwd"});
        List<Evidence> answers = new ArrayList<>();
        for (String[] input : inputs) {
            String label = "lockId " + shorten(input[0]) + ", appUserId " + shorten(input[1]);
            answers.add(keep(prober.send(label, input[0], input[1], prober.auth())));
        }
        return neverGrantNever5xx(Check.HOSTILE, answers);
    }

    private static String shorten(String value) {
        String printable = value.replace("\u0000", "\\0");
        return "'" + (printable.length() > 40 ? printable.substring(0, 24) + "…(" + value.length() + " chars)" : printable) + "'";
    }

    private static CheckResult neverGrantNever5xx(Check check, List<Evidence> answers) {
        List<String> bad = new ArrayList<>();
        Evidence culprit = null;
        for (Evidence answer : answers) {
            String problem = !answer.answered() ? "no answer (" + answer.outcome() + ": " + answer.reason() + ")"
                    : answer.grantsAccess() ? "GRANTED access" : answer.serverError() ? "HTTP " + answer.status() : null;
            if (problem != null) {
                bad.add(answer.label() + ": " + problem);
                culprit = culprit == null ? answer : culprit;
            }
        }
        return CheckResult.of(check, bad.isEmpty(), bad.isEmpty() ? answers.size() + " inputs, none granted, none caused a 5xx"
                : String.join("; ", bad), answers, culprit);
    }

    CheckResult plusEncoded(Evidence grant) {
        String phone = target.grant().appUserId();
        String sent = Prober.encode(phone);
        JsonNode echo = grant.json() == null ? null : grant.json().get("appUserId");
        String echoed = echo != null && echo.isTextual() ? echo.textValue() : null;
        boolean ok = grant.result() instanceof Granted && phone.equals(echoed);
        String why = ok ? "'" + sent + "' was read as " + phone + " and granted"
                : echoed != null && !phone.equals(echoed) ? "sent " + sent + ", the endpoint echoed appUserId '" + echoed
                + "': decode the query value once, with a decoder that maps %2B to '+'"
                : "the grant pair with its '+' sent as %2B was not granted: " + grant.summary();
        return CheckResult.of(Check.PLUS_ENCODED, ok, why, List.of(grant), grant);
    }

    /**
     * A raw {@code +} decodes to a space in most frameworks. Granting (tolerant) or a 4xx (strict, fail-closed) is fine;
     * silently answering for someone else (a denial, a wrong echo) or a 5xx is the finding.
     */
    CheckResult rawPlus() {
        Endpoint.Pair grant = target.grant();
        Evidence answer = keep(prober.sendRawQuery("grant pair with a raw '+' (not %2B)",
                "lockId=" + Prober.encode(grant.lockId()) + "&appUserId=" + grant.appUserId(), grant.lockId(), grant.appUserId()));
        if (answer.result() instanceof Granted) {
            return CheckResult.of(Check.RAW_PLUS, true, "a raw '+' is understood as '+' and granted", List.of(answer), answer);
        }
        if (answer.statusIn(400, 499)) {
            return CheckResult.of(Check.RAW_PLUS, true, "a raw '+' is refused with HTTP " + answer.status()
                    + " (strict and fail-closed; the platform always sends %2B)", List.of(answer), answer);
        }
        String echoed = answer.json() != null ? answer.json().path("appUserId").asText(null) : null;
        return CheckResult.of(Check.RAW_PLUS, false, "with a raw '+' the endpoint answered " + answer.summary()
                + (echoed != null ? " for appUserId '" + echoed + "'" : "") + ". The platform sends %2B, but a caller that "
                + "sends a literal '+' (as Unloc's public description writes the number) would be answered for the wrong user: accept a leading space as '+' or "
                + "refuse it with 400", List.of(answer), answer);
    }
}
