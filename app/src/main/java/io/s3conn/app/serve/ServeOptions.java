package io.s3conn.app.serve;

import java.time.Duration;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.PropertySettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.SettingType;

/**
 * {@code serve}'s own durations, parsed as it starts: a value that does not parse stops serve (exit 2) before any job
 * runs, instead of surfacing only when it is first needed (a shutdown timeout read at SIGTERM would leave serve
 * running on with a stack trace, until the platform kills it).
 *
 * @param shutdownTimeout how long SIGTERM waits for running jobs ({@code s3conn.serve.shutdown-timeout}; 0: not at all)
 * @param pipelineRestart how often a failed pipeline job is started again ({@code s3conn.serve.pipeline-restart})
 */
public record ServeOptions(Duration shutdownTimeout, Duration pipelineRestart) {

    /**
     * Parses the options.
     *
     * @throws ConfigurationException naming the property, or the variable, whose value does not parse
     */
    public static ServeOptions of(S3connConfig.Serve serve) {
        PropertySettings properties = PropertySettings.global();
        return new ServeOptions(parse(properties, SettingType.NON_NEGATIVE_DURATION, "shutdown-timeout",
                serve.shutdownTimeout().orElse("30s")),
                // At least 1s, as every: 1ns was positive, so accepted, and restarted a failing pipeline without pause.
                parse(properties, SettingType.atLeast(Duration.ofSeconds(1), "each restart reaches S3 and the database again"),
                        "pipeline-restart", serve.pipelineRestart().orElse("1m")));
    }

    /**
     * Named as a setting's global property is ({@code S3CONN_SERVE_PIPELINE_RESTART must be at least 1s ...}): before,
     * always as the property, with a colon, so a variable's error sent the user looking for a property in their files.
     */
    private static Duration parse(PropertySettings properties, SettingType<Duration> type, String name, String text) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(properties.writtenAs("s3conn.serve." + name) + " " + e.getMessage(), e);
        }
    }
}
