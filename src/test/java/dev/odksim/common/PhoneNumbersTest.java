package dev.odksim.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    @Test
    void internationalFormsNormaliseToE164() {
        assertThat(PhoneNumbers.normalise("+47 123 45 678")).contains("+4712345678");
        assertThat(PhoneNumbers.normalise("+47-987-65-432")).contains("+4798765432");
        assertThat(PhoneNumbers.normalise(" +46 70 123 45 67 ")).contains("+46701234567");
        assertThat(PhoneNumbers.normalise("+1 (415) 555-2671")).contains("+14155552671");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678", "004712345678", "+", "+47", "+4712", "+999123456789", "+47123456789012345",
            " 4712345678", "+47abc45678", "tel:+4712345678"})
    void anythingElseIsRefused(String raw) {
        assertThat(PhoneNumbers.normalise(raw)).isEmpty();
    }

    @Test
    void requireNamesTheField() {
        assertThatThrownBy(() -> PhoneNumbers.require("appUserId", "12345"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().invalidParams()).extracting(Problem.InvalidParam::name).containsExactly("appUserId");
                });
    }
}
