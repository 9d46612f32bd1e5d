package io.s3conn.app.config;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/** The flags every command that talks to a bucket shares. Flags win over --config, which wins over the environment. */
public final class ConnectionOptions {

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "The bucket.")
    Optional<String> bucket = Optional.empty();

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only keys that start with PREFIX (default: the whole bucket).")
    Optional<String> prefix = Optional.empty();

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Endpoint of an S3-compatible store (MinIO, Ceph, R2...). Default: $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, else Amazon S3.")
    Optional<String> endpointUrl = Optional.empty();

    @Option(names = "--region", paramLabel = "REGION", description = "Signing region. Default: the AWS default region chain, else us-east-1.")
    Optional<String> region = Optional.empty();

    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile of ~/.aws/config and ~/.aws/credentials.")
    Optional<String> profile = Optional.empty();

    @Option(names = "--path-style", negatable = true,
            description = "Path-style addressing (/bucket/key). Default: on with --endpoint-url, off on Amazon S3.")
    Optional<Boolean> pathStyle = Optional.empty();

    @Option(names = "--max-attempts", paramLabel = "N", description = "Attempts per S3 request, retries included (default 10).")
    Optional<Integer> maxAttempts = Optional.empty();

    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "Database for the inventory and checkpoints: jdbc:sqlite:FILE (default jdbc:sqlite:s3conn.db) or jdbc:postgresql://HOST/DB?user=..&password=..")
    Optional<String> database = Optional.empty();

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON settings file; also accepts the Fivetran S3 Glacier example's configuration.json and Conduit's S3 keys.")
    Optional<Path> config = Optional.empty();

    /** The --bucket flag, if given. */
    public Optional<String> bucket() {
        return bucket;
    }

    /** Sets the bucket when a command takes it from elsewhere (a pipeline file). */
    public void bucket(String value) {
        bucket = Optional.of(value);
    }

    /** The --prefix flag, if given. */
    public Optional<String> prefix() {
        return prefix;
    }

    /** Sets the prefix when a command takes it from elsewhere (a pipeline file). */
    public void prefix(String value) {
        prefix = Optional.of(value);
    }

    /** Sets the database when a command takes it from elsewhere (a job's configuration). */
    public void database(String value) {
        database = Optional.of(value);
    }
}
