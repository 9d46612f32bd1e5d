package io.s3conn.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;

import io.quarkus.bootstrap.runner.AotQuarkusEntryPoint;
import picocli.CommandLine;

/**
 * The training run that records the JDK AOT cache (every package of the app; see app/pom.xml): it prints a help page
 * ({@link HelpPages}) and renders every command's help, which {@code --help} does without starting Quarkus
 * ({@link HelpRequest}), then runs the command it is given as a one-shot command ({@link CommandRun}), and once more
 * through the jar's own entry point with Quarkus started ({@link S3connMain#THROUGH_QUARKUS}), as {@code serve} starts
 * it, so the cache holds the classes of all three paths. Not used at run time.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String... args) throws Throwable {
        // As the jar's entry point sets it before anything logs: the one-shot run below logs through JBoss LogManager.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        PrintStream discarded = new PrintStream(OutputStream.nullOutputStream());
        HelpRequest.answered(new PrintWriter(discarded), "inventory", "sync", "--help");
        render(S3connApplication.commandLine(CommandLine.defaultFactory()), discarded);
        CommandRun.execute(false, () -> { }, args);
        // The same command through Quarkus, as serve starts it: its classes are what serve's start-up loads.
        System.setProperty(S3connMain.THROUGH_QUARKUS, "true");
        AotQuarkusEntryPoint.main(args);
    }

    private static void render(CommandLine command, PrintStream out) {
        command.usage(out);
        command.getSubcommands().values().forEach(sub -> render(sub, out));
    }
}
