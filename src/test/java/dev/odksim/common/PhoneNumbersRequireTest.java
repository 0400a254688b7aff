package dev.odksim.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PhoneNumbers#require} and the length limit of {@link PhoneNumbers#normalise}. */
class PhoneNumbersRequireTest {

    @Test
    void aMissingNumberAndAWrongOneGetDifferentReasonsNamingTheField() {
        for (String missing : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> PhoneNumbers.require("appUserId", missing)).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.toProblem().invalidParams()).singleElement().satisfies(p -> {
                    assertThat(p.name()).isEqualTo("appUserId");
                    assertThat(p.reason()).startsWith("is required");
                });
            });
        }
        assertThatThrownBy(() -> PhoneNumbers.require("to", "12345")).isInstanceOfSatisfying(ProblemException.class, e ->
                assertThat(e.toProblem().invalidParams()).singleElement().satisfies(p -> {
                    assertThat(p.name()).isEqualTo("to");
                    assertThat(p.reason()).startsWith("is not a valid E.164 phone number");
                }));
        assertThat(PhoneNumbers.require("to", " +47 123 45 678 ")).isEqualTo("+4712345678");
    }

    @Test
    void thirtyTwoCharactersAreReadAndThirtyThreeAreNot() {
        String thirtyTwo = "+47" + " ".repeat(21) + "12345678";
        assertThat(thirtyTwo).hasSize(32);
        assertThat(PhoneNumbers.normalise(thirtyTwo)).contains("+4712345678");
        assertThat(PhoneNumbers.normalise("+47" + " ".repeat(22) + "12345678")).isEmpty();
    }
}
