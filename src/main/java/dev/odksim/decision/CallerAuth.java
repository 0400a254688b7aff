package dev.odksim.decision;

/** How the caller authenticates to an integrator (docs/design.md §6.2). Values here are the real secrets: never log them. */
public sealed interface CallerAuth {

    record None() implements CallerAuth {
    }

    /** The scheme of Unloc's public description (docs/design.md §6.3): one header with a static value on every request. */
    record ApiHeader(String name, String value) implements CallerAuth {
    }

    /** Several static headers on every request: the {@code validate} command's repeated {@code --header}. */
    record ApiHeaders(java.util.Map<String, String> values) implements CallerAuth {
        public ApiHeaders {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /** OAuth2 client credentials (RFC 6749 §4.4): a Bearer token from {@code tokenUrl}; {@code scope} may be null. */
    record OAuth2(String tokenUrl, String clientId, String clientSecret, String scope) implements CallerAuth {
    }
}
