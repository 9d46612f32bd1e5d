package io.s3conn.app.config;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

/**
 * What only {@code s3conn serve} reads from SmallRye Config. Every other setting, a job's included, is
 * in the catalogue ({@link Settings}) and read through it.
 */
@ConfigMapping(prefix = "s3conn")
public interface S3connConfig {

    /**
     * The jobs {@code s3conn serve} runs: by name, each job's settings by their catalogue names ({@code s3conn.jobs.<job>.<setting>}).
     * A setting written empty ({@code s3conn.jobs.copy.prefix=}) is kept as written, empty: the job reads it as not set,
     * as every file does. SmallRye's own conversion refused it, stopping serve with its message and converter class.
     */
    Map<String, Map<String, @WithConverter(AsWritten.class) String>> jobs();

    /** The {@code serve} HTTP API. */
    Serve serve();

    /** The serve HTTP API. */
    interface Serve {
        /** Bearer token required for POST requests; required whenever the API listens beyond loopback. */
        Optional<String> token();

        /**
         * How long SIGTERM waits for running jobs to reach a safe point; absent or empty, {@code 30s}
         * ({@link io.s3conn.app.serve.ServeOptions}). Optional rather than defaulted here: with a default, a value written
         * empty stopped serve with SmallRye's message instead of being read as not set.
         */
        Optional<String> shutdownTimeout();

        /**
         * How often a pipeline job, or a watching inventory job without an every or cron of its own, that failed is
         * started again (it otherwise runs until serve stops); absent or empty, {@code 1m}.
         */
        Optional<String> pipelineRestart();
    }

    /** A value as it was written, the empty one included (SmallRye's converters read an empty value as none). */
    final class AsWritten implements Converter<String> {
        @Override
        public String convert(String value) {
            return value;
        }
    }
}
