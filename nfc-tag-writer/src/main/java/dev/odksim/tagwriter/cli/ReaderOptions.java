package dev.odksim.tagwriter.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --reader} and how long to wait for a tag, shared by every command that touches a tag. */
final class ReaderOptions {

    @Option(names = "--reader", required = true, paramLabel = "R",
            description = "pcsc (first reader), pcsc:NAME (reader whose name contains NAME), "
                    + "or emulator:ntag213|ntag215|ntag216[:FILE]")
    String reader;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait for a tag on the reader (default ${DEFAULT-VALUE}; 0 = must be there now)")
    int waitSeconds;

    Duration waitDuration() {
        return Duration.ofSeconds(Math.max(0, waitSeconds));
    }
}
