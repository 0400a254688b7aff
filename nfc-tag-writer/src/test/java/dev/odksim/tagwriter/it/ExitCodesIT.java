package dev.odksim.tagwriter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every exit code of docs/api.md, from a real {@code java -jar nfc-tag-writer.jar} run. */
class ExitCodesIT {

    @TempDir
    Path dir;

    @Test
    void zeroWhenTheStickerIsWrittenAndVerified() throws Exception {
        String reader = "emulator:ntag213:" + dir.resolve("tag.txt");
        JarRunner.Run write = JarRunner.run("write", "https://example.com/t/42", "--reader", reader, "--verify");
        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("tag.txt")).subList(4, 10))
                .containsExactly("0315D101", "11550465", "78616D70", "6C652E63", "6F6D2F74", "2F3432FE");
        JarRunner.Run read = JarRunner.run("read", "--reader", reader);
        assertThat(read.out()).contains("URI https://example.com/t/42");
        JarRunner.Run encode = JarRunner.run("encode", "https://example.com/t/42", "--tlv");
        assertThat(encode.out().strip()).isEqualTo("03 15 D1 01 11 55 04 65 78 61 6D 70 6C 65 2E 63 6F 6D 2F 74 2F 34 32 FE");
    }

    @Test
    void twoForABadUrl() throws Exception {
        JarRunner.Run run = JarRunner.run("encode", "no scheme here");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: bad URL");
        assertThat(JarRunner.run("write", "https://example.com/").exitCode()).as("missing --reader").isEqualTo(2);
    }

    @Test
    void threeWhenThereIsNoSuchReader() throws Exception {
        // Without pcscd: "service not running"; with it: "no reader name contains". Both are exit 3.
        JarRunner.Run run = JarRunner.run("read", "--reader", "pcsc:no-such-reader-here", "--wait", "0");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: ").containsPattern("PC/SC|reader");
    }

    @Test
    void fourWhenNoTagComes() throws Exception {
        JarRunner.Run run = JarRunner.run("write", "https://example.com/", "--reader", "emulator:none", "--wait", "0");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().strip()).isEqualTo("error: no tag on emulator:none (waited 0 s)");
    }

    @Test
    void fiveForTooSmallLockedOrWrongPassword() throws Exception {
        JarRunner.Run tooSmall = JarRunner.run("write", "https://example.com/" + "x".repeat(200), "--reader", "emulator:ntag213");
        assertThat(tooSmall.exitCode()).isEqualTo(5);
        assertThat(tooSmall.err()).contains("but NTAG213 has 144 bytes of user memory");

        String reader = "emulator:ntag213:" + dir.resolve("locked.txt");
        assertThat(JarRunner.run("write", "https://example.com/a", "--reader", reader, "--permanent-lock",
                "--i-understand-this-is-irreversible").exitCode()).isZero();
        JarRunner.Run locked = JarRunner.run("write", "https://example.com/b", "--reader", reader);
        assertThat(locked.exitCode()).isEqualTo(5);
        assertThat(locked.err()).contains("is locked");

        String prot = "emulator:ntag213:" + dir.resolve("prot.txt");
        assertThat(JarRunner.run("write", "https://example.com/a", "--reader", prot, "--password", "11223344").exitCode()).isZero();
        JarRunner.Run auth = JarRunner.run("write", "https://example.com/b", "--reader", prot, "--password", "99999999");
        assertThat(auth.exitCode()).isEqualTo(5);
        assertThat(auth.err()).contains("wrong password");
    }

    @Test
    void sixWhenReadBackDiffers() throws Exception {
        JarRunner.Run run = JarRunner.run("write", "https://example.com/t/verify", "--reader", "emulator:ntag215,lost-write=5",
                "--verify");
        assertThat(run.exitCode()).isEqualTo(6);
        assertThat(run.err()).startsWith("error: read-back differs at page 5");
    }

    @Test
    void sevenWhenTheServerCannotBeReached() throws Exception {
        JarRunner.Run run = JarRunner.run("provision", "--server", "http://127.0.0.1:9", "--token", "t", "--project", "demo",
                "--lock", "demo-front-door", "--reader", "emulator:ntag213");
        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.err().lines()).singleElement().asString().startsWith("error: cannot reach server");
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        JarRunner.Run run = JarRunner.run("--help");
        assertThat(run.exitCode()).isZero();
        for (String command : List.of("encode", "write", "read", "info", "erase", "batch", "provision", "labels")) {
            assertThat(run.out()).contains("  " + command);
        }
    }
}
