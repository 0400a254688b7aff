package dev.odksim.tagwriter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, given/when/then over what a user sees: stdout, stderr, exit code, files. */
class CommandLineTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TagWriterApp.execute(new Console(new PrintWriter(out), new PrintWriter(err)), args);
        return new Result(code, out.toString(), err.toString());
    }

    String emulator(String type, String name) {
        return "emulator:" + type + ":" + dir.resolve(name);
    }

    @Test
    void encodePrintsMessageOrTlv() {
        assertThat(run("encode", "https://example.com/t/42").out().strip())
                .isEqualTo("D1 01 11 55 04 65 78 61 6D 70 6C 65 2E 63 6F 6D 2F 74 2F 34 32");
        Result tlv = run("encode", "https://example.com/t/42", "--tlv");
        assertThat(tlv.exitCode()).isZero();
        assertThat(tlv.out().strip()).isEqualTo("03 15 D1 01 11 55 04 65 78 61 6D 70 6C 65 2E 63 6F 6D 2F 74 2F 34 32 FE");
    }

    @Test
    void badUrlIsExitTwoWithOneLine() {
        Result r = run("encode", "example.com/no-scheme");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: bad URL 'example.com/no-scheme': no scheme (e.g. https://)");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(run("write", "https:///nohost", "--reader", "emulator:ntag213").exitCode()).isEqualTo(2);
        assertThat(run("write", "https://example.com/", "--reader", "emulator:ntag999").err())
                .contains("unknown emulated tag 'ntag999'");
        assertThat(run("write", "https://example.com/", "--reader", "usb").exitCode()).isEqualTo(2);
        assertThat(run("write", "https://example.com/", "--reader", "emulator:ntag213", "--password", "xyz").err())
                .contains("--password must be 8 hex digits");
        assertThat(run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(run().exitCode()).isEqualTo(2);
    }

    @Test
    void writeThenReadThroughTheEmulatorFile() throws Exception {
        String reader = emulator("ntag215", "tag.txt");
        Result write = run("write", "https://example.com/t/42", "--reader", reader, "--verify");
        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(write.out()).containsPattern("wrote https://example.com/t/42 to NTAG215 UID 04[0-9A-F]{12} \\(24 of 504 bytes\\), verified");
        List<String> pages = Files.readAllLines(dir.resolve("tag.txt"));
        assertThat(pages.get(4)).isEqualTo("0315D101");
        assertThat(pages).hasSize(135 + 1);

        Result read = run("read", "--reader", reader);
        assertThat(read.exitCode()).isZero();
        assertThat(read.out()).containsPattern("NTAG215 UID 04[0-9A-F]{12}\nURI https://example.com/t/42\n");
    }

    @Test
    void readShowsForeignRecordsAndEmptyTags() throws Exception {
        String reader = emulator("ntag213", "foreign.txt");
        assertThat(run("read", "--reader", reader).out()).contains("no NDEF message");
        // a text record written by another tool: 03 0D D1 01 09 54 02 65 6E 48 61 6C 6C 6F 21 FE ("Hallo!")
        List<String> pages = Files.readAllLines(dir.resolve("foreign.txt"));
        pages.set(4, "030DD101");
        pages.set(5, "09540265");
        pages.set(6, "6E48616C");
        pages.set(7, "6C6F21FE");
        Files.write(dir.resolve("foreign.txt"), pages);
        assertThat(run("read", "--reader", reader).out()).contains("Text [en] Hallo!");
    }

    @Test
    void tooSmallTagIsExitFiveWithSizes() {
        Result r = run("write", "https://example.com/" + "x".repeat(140), "--reader", "emulator:ntag213");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err().strip()).isEqualTo("error: message needs 159 bytes but NTAG213 has 144 bytes of user memory (15 bytes too many)");
    }

    @Test
    void protectedTagNeedsThePassword() {
        String reader = emulator("ntag213", "prot.txt");
        assertThat(run("write", "https://example.com/a", "--reader", reader, "--password", "0A0B0C0D", "--pack", "1234")
                .exitCode()).isZero();
        Result without = run("write", "https://example.com/b", "--reader", reader);
        assertThat(without.exitCode()).isEqualTo(5);
        assertThat(without.err()).contains("password-protected; give --password");
        assertThat(run("write", "https://example.com/b", "--reader", reader, "--password", "0A0B0C0E").exitCode()).isEqualTo(5);
        assertThat(run("write", "https://example.com/b", "--reader", reader, "--password", "0A0B0C0D", "--pack", "1234")
                .exitCode()).isZero();
        assertThat(run("info", "--reader", reader).out()).contains("protection:   password from page 4 (write)");
        assertThat(run("erase", "--reader", reader, "--password", "0A0B0C0D", "--pack", "1234").out())
                .contains("password protection removed");
        assertThat(run("info", "--reader", reader).out()).contains("protection:   none");
        assertThat(run("read", "--reader", reader).out()).contains("no NDEF message");
    }

    @Test
    void lockedTagIsExitFive() throws Exception {
        String reader = emulator("ntag213", "locked.txt");
        run("info", "--reader", reader);
        List<String> pages = Files.readAllLines(dir.resolve("locked.txt"));
        pages.set(2, pages.get(2).substring(0, 4) + "FFFF");
        Files.write(dir.resolve("locked.txt"), pages);
        Result r = run("write", "https://example.com/", "--reader", reader);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("is locked");
        assertThat(run("info", "--reader", reader).out()).contains("LOCKED pages present");
    }

    @Test
    void permanentLockNeedsTheSecondFlag() {
        String reader = emulator("ntag213", "perm.txt");
        Result refused = run("write", "https://example.com/", "--reader", reader, "--permanent-lock");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--i-understand-this-is-irreversible");
        Result locked = run("write", "https://example.com/", "--reader", reader, "--permanent-lock",
                "--i-understand-this-is-irreversible");
        assertThat(locked.out()).contains("PERMANENTLY LOCKED");
        assertThat(run("write", "https://example.com/x", "--reader", reader).exitCode()).isEqualTo(5);
    }

    @Test
    void mirrorIsVisibleOnRead() {
        String reader = emulator("ntag216", "mirror.txt");
        assertThat(run("write", "https://example.com/t/m", "--reader", reader, "--mirror", "both", "--verify").exitCode()).isZero();
        assertThat(run("read", "--reader", reader).out()).containsPattern("URI https://example.com/t/m\\?m=04[0-9A-F]{12}x000001");
        assertThat(run("info", "--reader", reader).out()).contains("mirror:       both at page").contains("NFC counter:  2");
    }

    @Test
    void noTagIsExitFourAndLostWriteIsExitSix() {
        Result noTag = run("read", "--reader", "emulator:none", "--wait", "0");
        assertThat(noTag.exitCode()).isEqualTo(4);
        assertThat(noTag.err().strip()).isEqualTo("error: no tag on emulator:none (waited 0 s)");
        Result lost = run("write", "https://example.com/t/verify", "--reader", "emulator:ntag213,lost-write=5", "--verify");
        assertThat(lost.exitCode()).isEqualTo(6);
        assertThat(lost.err()).contains("read-back differs at page 5");
    }

    @Test
    void batchWritesEachTagAndReportsCsv() throws Exception {
        Path report = dir.resolve("batch.csv");
        Result r = run("batch", "https://example.com/t/b", "--reader", emulator("ntag213", "batch.txt"), "--count", "3",
                "--report", report.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1: wrote", "3: wrote", "batch done: 3 written, 0 failed");
        List<String> rows = Files.readAllLines(report);
        assertThat(rows.get(0)).isEqualTo("n,status,type,chipUid,url,lockId,lockName,tagId,mode,message");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).startsWith("1,ok,NTAG213,04").contains("https://example.com/t/b");

        Result tooSmall = run("batch", "https://example.com/" + "x".repeat(200), "--reader", "emulator:ntag213", "--count", "2",
                "--report", dir.resolve("fail.csv").toString());
        assertThat(tooSmall.exitCode()).isEqualTo(5);
        assertThat(Files.readAllLines(dir.resolve("fail.csv"))).hasSize(3).allMatch(l -> l.startsWith("n,") || l.contains(",failed,"));
    }

    @Test
    void provisionCreatesTheTagWritesItsUrlAndMakesLabels() throws Exception {
        try (AdminApiStandIn api = new AdminApiStandIn()) {
            Path report = dir.resolve("prov.csv");
            Path labels = dir.resolve("labels.html");
            String reader = emulator("ntag213", "prov.txt");
            Result r = run("provision", "--server", api.url(), "--token", AdminApiStandIn.TOKEN, "--project", "demo",
                    "--lock", "demo-front-door", "--reader", reader, "--mirror", "both",
                    "--report", report.toString(), "--labels", labels.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(api.createdBodies).singleElement().asString()
                    .matches("\\{\"lockId\":\"demo-front-door\",\"chipUid\":\"04[0-9A-F]{12}\",\"mode\":\"ntag-mirror\"}");
            String uid = api.createdBodies.get(0).replaceAll(".*\"chipUid\":\"([0-9A-F]+)\".*", "$1");
            assertThat(r.out()).contains("provisioned Front door: tag tag1 on NTAG213 UID " + uid
                    + " -> http://192.0.2.10:8080/t/tag1?m=00000000000000x000000 (verified)");
            assertThat(run("read", "--reader", reader).out()).contains("URI http://192.0.2.10:8080/t/tag1?m=" + uid + "x000001");
            assertThat(Files.readString(report)).contains("ok,NTAG213," + uid + ",http://192.0.2.10:8080/t/tag1?m=")
                    .contains(",demo-front-door,Front door,tag1,ntag-mirror,");
            assertThat(Files.readString(labels)).contains("<svg", "Front door", "http://192.0.2.10:8080/t/tag1");

            Result fromReport = run("labels", "--from", report.toString());
            assertThat(fromReport.exitCode()).isZero();
            assertThat(fromReport.out()).startsWith("<!DOCTYPE html>").contains("<div class=\"name\">Front door</div>");
        }
    }

    @Test
    void provisionBatchFromCsvOfLocks() throws Exception {
        try (AdminApiStandIn api = new AdminApiStandIn()) {
            Path locks = dir.resolve("locks.csv");
            Files.writeString(locks, "lockId,lockName\ndemo-front-door\ndemo-storage,Lager\n");
            Result r = run("provision", "--server", api.url(), "--token", AdminApiStandIn.TOKEN, "--project", "demo",
                    "--locks", locks.toString(), "--reader", emulator("ntag213", "b.txt"));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(api.createdBodies).hasSize(2);
            assertThat(api.createdBodies.get(1)).contains("\"mode\":\"none\"");
            assertThat(r.out()).contains("provisioned Front door: tag tag1", "present the next sticker, for Lager",
                    "provisioned Lager: tag tag2");
        }
    }

    @Test
    void serverErrorsAreExitSeven() throws Exception {
        try (AdminApiStandIn api = new AdminApiStandIn()) {
            Result badToken = run("provision", "--server", api.url(), "--token", "wrong", "--project", "demo",
                    "--lock", "demo-front-door", "--reader", "emulator:ntag213");
            assertThat(badToken.exitCode()).isEqualTo(7);
            assertThat(badToken.err().strip()).isEqualTo(
                    "error: server refused to list the locks of project demo: HTTP 401 (admin token required)");
            Result unknownLock = run("provision", "--server", api.url(), "--token", AdminApiStandIn.TOKEN, "--project", "demo",
                    "--lock", "nope", "--reader", "emulator:ntag213");
            assertThat(unknownLock.exitCode()).isEqualTo(7);
            assertThat(unknownLock.err()).contains("HTTP 404 (lock nope not found)");
        }
        Result unreachable = run("provision", "--server", "http://127.0.0.1:9", "--token", "t", "--project", "demo",
                "--lock", "demo-front-door", "--reader", "emulator:ntag213");
        assertThat(unreachable.exitCode()).isEqualTo(7);
        assertThat(unreachable.err()).startsWith("error: cannot reach server http://127.0.0.1:9/");
        assertThat(unreachable.err().lines()).hasSize(1);
    }
}
