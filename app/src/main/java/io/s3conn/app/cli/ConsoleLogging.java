package io.s3conn.app.cli;

import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.s3conn.app.config.ConfigurationException;

/**
 * Log output of a one-shot command, which runs without starting Quarkus ({@code io.s3conn.app.CommandRun}): the console
 * handler Quarkus would set up, from the same properties ({@code quarkus.log.level}, {@code quarkus.log.category."name".level},
 * {@code quarkus.log.console.format}; the application's {@code application.properties} sets them), on stderr. Records
 * logged before this ran (the jar's entry point holds them back until a handler is set) are written then.
 */
public final class ConsoleLogging {

    private static final Pattern CATEGORY_LEVEL = Pattern.compile("quarkus\\.log\\.category\\.\"?([^\"]+?)\"?\\.level");

    private ConsoleLogging() {
    }

    /** Sets the console handler and the levels that {@code config} gives. */
    public static void configure(Config config) {
        LogContext context = LogContext.getLogContext();
        context.getLogger("").setLevel(level(context, config.getOptionalValue("quarkus.log.level", String.class).orElse("INFO")));
        for (String name : config.getPropertyNames()) {
            Matcher category = CATEGORY_LEVEL.matcher(name);
            if (category.matches()) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(level -> context.getLogger(category.group(1)).setLevel(level(context, level)));
            }
        }
        String format = config.getOptionalValue("quarkus.log.console.format", String.class).orElse("%-5p %s%e%n");
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR, new PatternFormatter(format));
        InitialConfigurator.DELAYED_HANDLER.setHandlers(new Handler[] {console});
    }

    /** A level by its JBoss Logging or java.util.logging name ({@code WARN}, {@code WARNING}, {@code OFF}). */
    private static Level level(LogContext context, String name) {
        try {
            return context.getLevelForName(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("unknown log level " + name.strip()
                    + " (quarkus.log.level, quarkus.log.category.\"name\".level): one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL");
        }
    }
}
