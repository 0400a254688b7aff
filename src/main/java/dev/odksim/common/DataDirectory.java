package dev.odksim.common;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds the H2 database (signing private keys, integrator secrets, sessions) and the admin token,
 * so only its owner may read it (docs/security.md, finding 7): the directory 0700, its files 0600 on POSIX systems.
 * The jar's {@code main} prepares it before the database opens; a start-up pass tightens what the database created.
 */
@ApplicationScoped
public class DataDirectory {

    private static final Logger LOG = Logger.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    void onStart(@Observes StartupEvent event, OdkConfig config) {
        prepare(Path.of(config.dataDir()));
    }

    /** Creates the directory owner-only, or makes an existing one and the files in it owner-only. */
    public static void prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                LOG.debugf("No POSIX permissions for %s", dir);
                return;
            }
            Files.setPosixFilePermissions(dir, DIRECTORY);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir, e);
        }
    }
}
