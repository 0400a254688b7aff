package dev.odksim.common;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * No path or query parameter of any endpoint takes a control character (C0, U+0000 to U+001F, or DEL): ids, phone
 * numbers, limits, filters and cursors are all printable. Refused at the edge with a 400 naming the parameter, before
 * any resource runs: PostgreSQL refuses NUL in text outright (an error deep in a query, a 500), H2 stores it, and
 * neither is what a caller meant. Runs after the admin token check, so an unauthenticated caller still gets 401.
 */
@Provider
@Priority(Priorities.USER - 100)
public class ControlCharacters implements ContainerRequestFilter {

    private static final String REASON = "must not contain control characters (such as a NUL byte, %00)";

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> path : request.getUriInfo().getPathParameters(true).entrySet()) {
            if (path.getValue().stream().anyMatch(ControlCharacters::hasControl)) {
                throw ProblemException.badRequest(path.getKey(), REASON);
            }
        }
        offendingQueryParameter(request.getUriInfo().getRequestUri().getRawQuery()).ifPresent(name -> {
            throw ProblemException.badRequest(name, REASON);
        });
    }

    static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    /**
     * The name of the first query parameter whose name or value carries a control character, read from the raw query
     * leniently: a malformed escape ({@code %zz}, a lone {@code %}) is left to the endpoint, which answers it as it
     * always did; only a well-formed escape of a control character ({@code %00}-{@code %1F}, {@code %7F}) counts.
     */
    static Optional<String> offendingQueryParameter(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (escapesControl(pair) || hasControl(pair)) {
                String printable = decoded(name);
                return Optional.of(hasControl(printable) || printable.isEmpty() ? "(query parameter name)" : printable);
            }
        }
        return Optional.empty();
    }

    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static boolean escapesControl(String raw) {
        for (int i = raw.indexOf('%'); i >= 0 && i + 2 < raw.length(); i = raw.indexOf('%', i + 1)) {
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high >= 0 && low >= 0) {
                int value = high * 16 + low;
                if (value < 0x20 || value == 0x7F) {
                    return true;
                }
            }
        }
        return false;
    }
}
