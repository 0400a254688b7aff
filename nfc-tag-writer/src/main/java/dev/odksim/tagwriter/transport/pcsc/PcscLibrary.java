package dev.odksim.tagwriter.transport.pcsc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Points the JDK at libpcsclite when the user did not: the JDK looks for {@code libpcsclite.so}
 * (the -dev symlink) in a few fixed places, while distributions install {@code libpcsclite.so.1}
 * under a multiarch directory.
 */
final class PcscLibrary {

    private PcscLibrary() {
    }

    static void configure() {
        if (System.getProperty(PcscErrors.LIBRARY_PROPERTY) != null
                || !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return;
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            case "arm" -> "arm-linux-gnueabihf";
            default -> System.getProperty("os.arch") + "-linux-gnu";
        };
        List<String> candidates = List.of(
                "/usr/lib/" + arch + "/libpcsclite.so.1",
                "/lib/" + arch + "/libpcsclite.so.1",
                "/usr/lib64/libpcsclite.so.1",
                "/usr/lib/libpcsclite.so.1",
                "/usr/local/lib/libpcsclite.so.1");
        candidates.stream().filter(c -> Files.exists(Path.of(c))).findFirst()
                .ifPresent(lib -> System.setProperty(PcscErrors.LIBRARY_PROPERTY, lib));
    }
}
