package dev.odksim.tagwriter.cli;

import java.io.PrintWriter;

/** Where commands talk to the user; tests hand in writers they can read back. */
public record Console(PrintWriter out, PrintWriter err) {

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public void warn(String line) {
        err.println(line);
        err.flush();
    }
}
