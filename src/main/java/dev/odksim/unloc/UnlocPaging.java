package dev.odksim.unloc;

import dev.odksim.common.QueryLimit;

import java.util.List;
import java.util.function.Function;

/**
 * Unloc's paging (docs/unloc-api.md): {@code limit} defaults to and is capped at 2500; a page fetched with one extra row
 * tells whether more remain, and only then carries {@code startAfterId}, the id of its last item.
 */
final class UnlocPaging {

    static final int MAX_LIMIT = 2500;

    private UnlocPaging() {
    }

    static int limit(String raw) {
        return QueryLimit.parse(raw, MAX_LIMIT, MAX_LIMIT);
    }

    /** A page cut from {@code fetched} ({@code limit + 1} rows asked for): its items and the cursor, null when done. */
    record Page<T>(List<T> items, String startAfterId) {
        static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
            if (fetched.size() <= limit) {
                return new Page<>(fetched, null);
            }
            List<T> items = fetched.subList(0, limit);
            return new Page<>(items, id.apply(items.get(limit - 1)));
        }
    }
}
