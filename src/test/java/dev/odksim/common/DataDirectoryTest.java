package dev.odksim.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/security.md finding 7: the data directory is created owner-only, and an existing one is tightened with its files. */
class DataDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aNewDataDirectoryIsOwnerOnly() throws Exception {
        Path dir = parent.resolve("data");
        DataDirectory.prepare(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void anExistingWorldReadableDirectoryAndItsFilesAreTightened() throws Exception {
        Path dir = Files.createDirectory(parent.resolve("old"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path db = Files.writeString(dir.resolve("odk.mv.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        Path token = Files.writeString(dir.resolve("admin-token"), "t");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-rw-rw-"));
        DataDirectory.prepare(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    }
}
