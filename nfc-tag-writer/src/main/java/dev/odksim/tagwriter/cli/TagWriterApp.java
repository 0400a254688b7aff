package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.transport.TagReader;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nfc-tag-writer} command line (docs/api.md "Command lines"). {@link #main} is the only place
 * that exits the JVM; commands return exit codes and throw domain errors that
 * {@link DomainErrorHandler} turns into one line and a code.
 */
@Command(name = "nfc-tag-writer", mixinStandardHelpOptions = true, version = "nfc-tag-writer 0.1.0",
        description = "Writes, verifies, protects and provisions NTAG213/215/216 door stickers.",
        subcommands = {EncodeCommand.class, WriteCommand.class, ReadCommand.class, InfoCommand.class,
            EraseCommand.class, BatchCommand.class, ProvisionCommand.class, LabelsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "2:bad URL or usage", "3:no reader", "4:no tag",
            "5:tag too small, locked or password refused", "6:verify failed", "7:server error"})
public final class TagWriterApp implements java.util.concurrent.Callable<Integer> {

    private final Console console;
    private final Function<String, TagReader> readers;

    public TagWriterApp(Console console, Function<String, TagReader> readers) {
        this.console = console;
        this.readers = readers;
    }

    Console console() {
        return console;
    }

    TagReader openReader(String spec) {
        return readers.apply(spec);
    }

    @Override
    public Integer call() {
        console.warn("error: a command is required (see 'nfc-tag-writer --help')");
        return ExitCodes.USAGE;
    }

    /** Builds the command line around a console and a reader factory (tests pass their own). */
    public static CommandLine commandLine(Console console, Function<String, TagReader> readers) {
        DomainErrorHandler errors = new DomainErrorHandler();
        CommandLine cmd = new CommandLine(new TagWriterApp(console, readers))
                .setOut(console.out())
                .setErr(console.err())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
        return cmd;
    }

    public static int execute(Console console, String... args) {
        return commandLine(console, Readers::open).execute(args);
    }

    public static void main(String[] args) {
        Console console = new Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(execute(console, args));
    }
}
