package dev.odksim.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listings' {@code limit}: a default when absent, a 400 naming the field for anything outside 1..max. */
class QueryLimitTest {

    @Test
    void absentIsTheDefaultAndAnIntegerInRangeIsTaken() {
        assertThat(QueryLimit.parse(null, 50, 1000)).isEqualTo(50);
        assertThat(QueryLimit.parse(" ", 50, 1000)).isEqualTo(50);
        assertThat(QueryLimit.parse(" 7 ", 50, 1000)).isEqualTo(7);
        assertThat(QueryLimit.parse("1000", 50, 1000)).isEqualTo(1000);
    }

    @Test
    void notAnIntegerOrOutOfRangeIsABadRequestNamingLimit() {
        for (String bad : new String[]{"abc", "0", "-1", "1001", "99999999999", "1.5"}) {
            assertThatThrownBy(() -> QueryLimit.parse(bad, 50, 1000)).as(bad)
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.toProblem().invalidParams()).extracting(Problem.InvalidParam::name).containsExactly("limit");
                    });
        }
    }
}
