package dev.odksim.tagwriter.cli;

import java.util.HexFormat;

/** How the tool prints bytes: upper-case pairs separated by spaces, as in datasheets and the issue. */
final class Hex {

    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    static String spaced(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }
}
