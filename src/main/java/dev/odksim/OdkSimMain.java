package dev.odksim;

import dev.odksim.common.DataDirectory;
import dev.odksim.conformance.ValidateCommand;
import dev.odksim.decision.DecisionRequester;
import dev.odksim.load.LoadCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The jar's entry point. No arguments: start the simulator and serve until stopped. {@code validate …}: run the
 * conformance suite ({@code load …}: a load test of a decision endpoint) as plain Java, before and without Quarkus, so it needs no database, seeds no demo data, opens
 * no port and starts in well under a second. The only place that calls {@link System#exit}.
 */
@QuarkusMain
public class OdkSimMain implements QuarkusApplication {

    public static void main(String... args) {
        if (args.length > 0) {
            System.exit(isValidate(args) ? validate(args) : isLoad(args) ? load(args) : unknownCommand(args[0]));
        }
        // Before the database opens: it would otherwise create the directory and its files readable by everyone.
        DataDirectory.prepare(Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("odk.data-dir", String.class).orElse("./data")));
        Quarkus.run(OdkSimMain.class, args);
    }

    /** Also reached in dev mode ({@code -Dquarkus.args=validate…}), where Quarkus has already started. */
    @Override
    public int run(String... args) {
        if (isValidate(args)) {
            return validate(args);
        }
        if (isLoad(args)) {
            return load(args);
        }
        if (args.length > 0) {
            return unknownCommand(args[0]);
        }
        Quarkus.waitForExit();
        return 0;
    }

    private static int unknownCommand(String command) {
        System.err.println("odk-sim: unknown command '" + command + "'; run without arguments to serve, or: validate --help, load --help");
        return ValidateCommand.BAD_USAGE;
    }

    private static boolean isValidate(String[] args) {
        return args.length > 0 && "validate".equals(args[0]);
    }

    private static boolean isLoad(String[] args) {
        return args.length > 0 && "load".equals(args[0]);
    }

    /** {@code load …}: an open-loop load test of a decision endpoint, as plain Java like {@code validate}. */
    private static int load(String[] args) {
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(System.out, false, charset);
        PrintWriter err = new PrintWriter(System.err, false, charset);
        return LoadCommand.execute(Arrays.copyOfRange(args, 1, args.length), DecisionRequester.withoutContainer(), out, err, System.console() != null);
    }

    private static int validate(String[] args) {
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(System.out, false, charset);
        PrintWriter err = new PrintWriter(System.err, false, charset);
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        return ValidateCommand.execute(Arrays.copyOfRange(args, 1, args.length), DecisionRequester.withoutContainer(), out, err, colour);
    }
}
