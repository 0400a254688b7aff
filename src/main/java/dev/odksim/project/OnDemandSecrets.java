package dev.odksim.project;

import dev.odksim.common.HttpUrls;
import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.Secrets;
import dev.odksim.project.ProjectDtos.Auth;
import dev.odksim.project.ProjectDtos.Signing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation of the secret-bearing parts of the on-demand configuration (auth of docs/design.md §6.2, request signing)
 * and their masked view. Secrets are write-only: an absent or masked ({@code ****…}) value keeps the stored one.
 */
final class OnDemandSecrets {

    /** RFC 6749 §3.3: scope tokens of %x21 / %x23-5B / %x5D-7E, separated by single spaces. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
    static final int MIN_SIGNING_SECRET = 16;
    /** The columns of the URLs and the header value (V1, V3 migrations). */
    static final int MAX_URL = 2048;
    static final int MAX_HEADER_VALUE = 2048;

    private OnDemandSecrets() {
    }

    /** Applies an {@code auth} update to {@code target} (a copy being validated), collecting what is invalid. */
    static void applyAuth(Auth auth, OnDemandConfig current, OnDemandConfig target, List<InvalidParam> invalid) {
        target.authType = auth.type();
        target.headerName = null;
        target.headerValue = null;
        target.oauthTokenUrl = null;
        target.oauthClientId = null;
        target.oauthClientSecret = null;
        target.oauthScope = null;
        if ("header".equals(auth.type())) {
            target.headerName = auth.headerName();
            AuthHeaderRules.checkName(target.headerName, invalid);
            target.headerValue = kept(auth.headerValue(), "header".equals(current.authType) ? current.headerValue : null);
            AuthHeaderRules.checkValue(target.headerValue, MAX_HEADER_VALUE, invalid);
        } else if ("oauth2".equals(auth.type())) {
            target.oauthTokenUrl = auth.tokenUrl() == null ? null : auth.tokenUrl().strip();
            if (!isHttpUrl(target.oauthTokenUrl, true)) {
                invalid.add(new InvalidParam("auth.tokenUrl", "is required: an absolute http or https URL of at most 2048 characters, "
                        + "without user:password (the client id and secret go in their own fields)"));
            }
            target.oauthClientId = auth.clientId();
            if (target.oauthClientId == null || target.oauthClientId.isEmpty() || target.oauthClientId.length() > 500
                    || hasControl(target.oauthClientId)) {
                invalid.add(new InvalidParam("auth.clientId", "is required (1-500 characters, no control characters)"));
            }
            target.oauthClientSecret = kept(auth.clientSecret(), "oauth2".equals(current.authType) ? current.oauthClientSecret : null);
            if (target.oauthClientSecret == null || target.oauthClientSecret.isEmpty() || target.oauthClientSecret.length() > 2000
                    || hasControl(target.oauthClientSecret)) {
                invalid.add(new InvalidParam("auth.clientSecret", "is required (1-2000 characters, no control characters)"));
            }
            target.oauthScope = auth.scope() == null || auth.scope().isBlank() ? null : auth.scope().strip();
            if (target.oauthScope != null && (target.oauthScope.length() > 1000 || !SCOPE.matcher(target.oauthScope).matches())) {
                invalid.add(new InvalidParam("auth.scope", "must be scope tokens separated by single spaces (RFC 6749 §3.3)"));
            }
        } else if (!"none".equals(auth.type())) {
            invalid.add(new InvalidParam("auth.type", "must be one of: header, oauth2, none"));
        }
    }

    /** Applies a {@code signing} update: enabled needs a secret of at least 16 characters; disabled forgets it. */
    static void applySigning(Signing signing, OnDemandConfig current, OnDemandConfig target, List<InvalidParam> invalid) {
        boolean enabled = signing.enabled() != null ? signing.enabled() : current.signingSecret != null || signing.secret() != null;
        if (!enabled) {
            target.signingSecret = null;
            return;
        }
        target.signingSecret = kept(signing.secret(), current.signingSecret);
        if (target.signingSecret == null || target.signingSecret.length() < MIN_SIGNING_SECRET || target.signingSecret.length() > 500
                || hasControl(target.signingSecret)) {
            invalid.add(new InvalidParam("signing.secret", "is required when signing is enabled: 16-500 characters, no control characters"));
        }
    }

    static Auth maskedAuth(OnDemandConfig c) {
        return switch (c.authType) {
            case "header" -> new Auth("header", c.headerName, Secrets.mask(c.headerValue));
            case "oauth2" -> new Auth("oauth2", null, null, c.oauthTokenUrl, c.oauthClientId, Secrets.mask(c.oauthClientSecret), c.oauthScope);
            default -> new Auth(c.authType, null, null);
        };
    }

    static Signing maskedSigning(OnDemandConfig c) {
        return new Signing(c.signingSecret != null, c.signingSecret == null ? null : Secrets.mask(c.signingSecret));
    }

    /** A URL the caller may call ({@link HttpUrls}) that fits its column. */
    static boolean isHttpUrl(String url, boolean queryAllowed) {
        return url != null && url.length() <= MAX_URL && HttpUrls.isHttpUrl(url, queryAllowed);
    }

    /**
     * docs/security.md finding 2: a stored secret never follows a URL to another origin (scheme, host or port). When the
     * decision {@code url} moves, the header value or the OAuth2 client secret (whose tokens go to that URL) and the
     * signing secret must be sent again; when the {@code tokenUrl} moves, the client secret must.
     */
    static void requireSecretsAfterMove(ProjectDtos.OnDemandView update, OnDemandConfig current, OnDemandConfig target,
                                        String url, List<InvalidParam> invalid) {
        Auth auth = update.auth();
        boolean urlMoved = current.url != null && url != null && !url.isEmpty() && !HttpUrls.sameOrigin(current.url, url);
        boolean tokenUrlMoved = "oauth2".equals(current.authType) && "oauth2".equals(target.authType)
                && target.oauthTokenUrl != null && !HttpUrls.sameOrigin(current.oauthTokenUrl, target.oauthTokenUrl);
        if (urlMoved && "header".equals(target.authType) && target.headerValue != null
                && (auth == null || isKept(auth.headerValue())) && target.headerValue.equals(current.headerValue)) {
            invalid.add(new InvalidParam("auth.headerValue", "must be sent again: the url moves to another scheme, host or port, "
                    + "and a stored secret never follows it"));
        }
        if ((urlMoved || tokenUrlMoved) && "oauth2".equals(target.authType) && target.oauthClientSecret != null
                && (auth == null || isKept(auth.clientSecret())) && target.oauthClientSecret.equals(current.oauthClientSecret)) {
            invalid.add(new InvalidParam("auth.clientSecret", "must be sent again: the " + (tokenUrlMoved ? "tokenUrl" : "url")
                    + " moves to another scheme, host or port, and a stored secret never follows it"));
        }
        if (urlMoved && target.signingSecret != null && (update.signing() == null || isKept(update.signing().secret()))
                && target.signingSecret.equals(current.signingSecret)) {
            invalid.add(new InvalidParam("signing.secret", "must be sent again: the url moves to another scheme, host or port, "
                    + "and a stored secret never follows it"));
        }
    }

    private static boolean isKept(String update) {
        return update == null || update.startsWith("****");
    }

    /** The new secret, or the stored one when the update leaves it out or sends back the masked form. */
    private static String kept(String update, String stored) {
        return isKept(update) ? stored : update;
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
    }
}
