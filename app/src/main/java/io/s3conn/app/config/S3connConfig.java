package io.s3conn.app.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * s3conn's settings from {@code application.properties}, environment variables ({@code S3CONN_...})
 * and system properties. Command-line flags and a {@code --config} file override them.
 */
@ConfigMapping(prefix = "s3conn")
public interface S3connConfig {

    /** JDBC URL of the database that holds the inventory and checkpoints. */
    @WithDefault("jdbc:sqlite:s3conn.db")
    String database();

    /** How to reach S3. */
    Aws aws();

    /** Inventory sync tuning. */
    Inventory inventory();

    /**
     * Listing requests in flight at most ({@code s3conn.list-concurrency}): a scope is listed as that many
     * key ranges at once; 1 lists it sequentially.
     */
    @WithDefault("8")
    int listConcurrency();

    /** The jobs {@code s3conn serve} runs, by name. */
    Map<String, Job> jobs();

    /** The {@code serve} HTTP API. */
    Serve serve();

    /** A job of {@code s3conn serve}. */
    interface Job {
        /** inventory or pipeline. */
        String type();

        /** Run every this long, e.g. 5m (inventory jobs). */
        Optional<String> every();

        /** Run on this Quartz cron expression instead (inventory jobs). */
        Optional<String> cron();

        /** The bucket (the source bucket of a pipeline). */
        String bucket();

        /** The key prefix (whole bucket when absent). */
        Optional<String> prefix();

        /** Also keep s3_object_versions (inventory jobs). */
        @WithDefault("false")
        boolean versions();

        /** Pipeline destination bucket. */
        Optional<String> destinationBucket();

        /** Pipeline destination prefix. */
        Optional<String> destinationPrefix();

        /** Pipeline format: json or parquet. */
        @WithDefault("json")
        String format();

        /** Pipeline polling period. */
        @WithDefault("1s")
        String pollingPeriod();

        /** Pipeline flush interval. */
        @WithDefault("5s")
        String flushInterval();
    }

    /** The serve HTTP API. */
    interface Serve {
        /** Bearer token required for POST requests; required whenever the API listens beyond loopback. */
        Optional<String> token();

        /** How long SIGTERM waits for running jobs to reach a safe point. */
        @WithDefault("30s")
        String shutdownTimeout();
    }

    /** Connection settings. */
    interface Aws {
        /** Signing region; defaults to the AWS default region chain, then us-east-1. */
        Optional<String> region();

        /** Endpoint of an S3-compatible store; defaults to AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, then Amazon S3. */
        Optional<String> endpointUrl();

        /** Path-style addressing; defaults to true with an endpoint override, false on Amazon S3. */
        Optional<Boolean> pathStyle();

        /** Explicit access key id; without it the AWS default credential chain is used. */
        Optional<String> accessKeyId();

        /** Explicit secret access key, used with access-key-id. */
        Optional<String> secretAccessKey();

        /** Session token for temporary explicit credentials. */
        Optional<String> sessionToken();

        /** Named profile of the shared AWS config files. */
        Optional<String> profile();

        /** Attempts per request, first included, for the SDK's standard retry strategy. */
        @WithDefault("10")
        int maxAttempts();
    }

    /** Inventory options. */
    interface Inventory {
        /** Keys per listing page (1-1000); a killed sync redoes at most one page. */
        @WithDefault("1000")
        int pageSize();

        /** HeadObject requests in flight at most, when restore status needs HEADs. */
        @WithDefault("16")
        int headConcurrency();

        /** Where restore statuses come from: auto, listing or head. */
        @WithDefault("auto")
        String restoreStatusFrom();

        /** HEAD Intelligent-Tiering objects to learn whether they sit in an archive tier. */
        @WithDefault("true")
        boolean headIntelligentTiering();
    }
}
