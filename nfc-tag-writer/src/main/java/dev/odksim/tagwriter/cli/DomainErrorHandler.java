package dev.odksim.tagwriter.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Every failure ends as one clear line on stderr and the exit code of {@link ExitCodes}. */
final class DomainErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
        int code = ExitCodes.of(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cmd.getErr().println("error: " + (code == ExitCodes.UNEXPECTED ? "unexpected " + e.getClass().getSimpleName()
                + ": " + message : message));
        if (code == ExitCodes.UNEXPECTED && Boolean.getBoolean("tagwriter.debug")) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("error: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }
}
