package dev.odksim.tagwriter.cli;

import java.util.HexFormat;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The NTAG password (PWD, 4 bytes) and its acknowledge (PACK, 2 bytes), as hex. */
final class PasswordOptions {

    @Option(names = "--password", paramLabel = "HEX",
            description = "NTAG password, 8 hex digits: authenticates to a protected tag, and protects the tag when writing")
    String password;

    @Option(names = "--pack", paramLabel = "HEX", defaultValue = "0000",
            description = "password acknowledge the tag answers (4 hex digits, default ${DEFAULT-VALUE})")
    String pack;

    Optional<byte[]> passwordBytes() {
        return Optional.ofNullable(password).map(p -> hex(p, 4, "--password"));
    }

    byte[] packBytes() {
        return hex(pack, 2, "--pack");
    }

    static byte[] hex(String value, int bytes, String option) {
        if (value == null || !value.matches("[0-9A-Fa-f]{" + (bytes * 2) + "}")) {
            throw new UsageException(option + " must be " + (bytes * 2) + " hex digits, got '" + value + "'");
        }
        return HexFormat.of().parseHex(value);
    }
}
