package dev.odksim.tagwriter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code nfc-tag-writer.jar} as a user would: a real JVM, real exit code, real streams. */
public final class JarRunner {

    /** What one run left behind. */
    public record Run(int exitCode, String out, String err) {
    }

    private JarRunner() {
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("tagwriter.jar", "target/nfc-tag-writer.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first (mvn package): " + jar.toAbsolutePath());
        }
        return jar;
    }

    public static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("tagwriter-out", ".txt");
        Path err = Files.createTempFile("tagwriter-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("nfc-tag-writer " + String.join(" ", args) + " did not finish in 60 s");
        }
        try {
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
