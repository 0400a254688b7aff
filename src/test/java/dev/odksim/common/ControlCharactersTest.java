package dev.odksim.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw-query reading of {@link ControlCharacters}: lenient with malformed escapes, strict with control characters. */
class ControlCharactersTest {

    @Test
    void namesTheParameterCarryingAnEscapedControlCharacter() {
        assertThat(ControlCharacters.offendingQueryParameter("lockId=a%00b&appUserId=%2B47")).hasValue("lockId");
        assertThat(ControlCharacters.offendingQueryParameter("lockId=a&appUserId=%2B47%0a")).hasValue("appUserId");
        assertThat(ControlCharacters.offendingQueryParameter("q=%7F")).hasValue("q");
        assertThat(ControlCharacters.offendingQueryParameter("%00=x")).hasValue("(query parameter name)");
        assertThat(ControlCharacters.offendingQueryParameter("lock%49d=%1f")).hasValue("lockId");
    }

    @Test
    void printableMalformedAndEmptyQueriesPass() {
        assertThat(ControlCharacters.offendingQueryParameter(null)).isEmpty();
        assertThat(ControlCharacters.offendingQueryParameter("")).isEmpty();
        assertThat(ControlCharacters.offendingQueryParameter("to=%2B4712345678&limit=%31")).isEmpty();
        assertThat(ControlCharacters.offendingQueryParameter("x=%2500")).isEmpty();
        assertThat(ControlCharacters.offendingQueryParameter("m=%zz%&e=%G0&c=%0")).isEmpty();
        assertThat(ControlCharacters.offendingQueryParameter("%&&&=&==")).isEmpty();
        assertThat(ControlCharacters.offendingQueryParameter("e=%C3%A9&n=%20")).isEmpty();
    }

    @Test
    void decodedValuesWithControlsAreRefused() {
        assertThat(ControlCharacters.hasControl("a\u0000")).isTrue();
        assertThat(ControlCharacters.hasControl("a\tb")).isTrue();
        assertThat(ControlCharacters.hasControl("a\u007F")).isTrue();
        assertThat(ControlCharacters.hasControl("æøå é +47")).isFalse();
    }
}
