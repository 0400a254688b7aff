package dev.odksim.common;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The admin API's Bearer token: {@code ODK_ADMIN_TOKEN} if set, otherwise generated on first start, stored in the
 * data directory (owner-readable only) and printed once.
 */
@ApplicationScoped
public class AdminToken {

    private static final Logger LOG = Logger.getLogger(AdminToken.class);

    private final String token;
    private final boolean generatedNow;

    AdminToken(OdkConfig config) {
        if (config.adminToken().isPresent() && !config.adminToken().get().isBlank()) {
            token = config.adminToken().get().strip();
            generatedNow = false;
            return;
        }
        Path file = Path.of(config.dataDir(), "admin-token");
        try {
            if (Files.exists(file)) {
                token = Files.readString(file).strip();
                generatedNow = false;
            } else {
                Files.createDirectories(file.getParent());
                token = Ids.secret(24);
                Files.writeString(file, token + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    LOG.debugf("No POSIX permissions for %s", file);
                }
                generatedNow = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token file " + file, e);
        }
    }

    public boolean matches(String presented) {
        return Secrets.equal(token, presented);
    }

    /** The token, for the one start-up banner that prints it after generation; never logged elsewhere. */
    public String revealForBanner() {
        return token;
    }

    public boolean generatedNow() {
        return generatedNow;
    }
}
