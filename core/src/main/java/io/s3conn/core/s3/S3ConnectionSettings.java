package io.s3conn.core.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an S3 service: Amazon S3 or any S3-compatible store (MinIO, Ceph, R2, S3Proxy).
 *
 * @param region         the signing region; absent means the SDK's default region chain, then {@code us-east-1}
 * @param endpoint       an endpoint override for S3-compatible stores; absent means Amazon S3
 * @param pathStyle      {@code /bucket/key} addressing instead of virtual-hosted {@code bucket.host/key}
 * @param credentials    explicit keys; absent means the SDK's default chain (env, profile, container, IRSA)
 * @param profile        a named profile of the shared AWS config files, used when no explicit keys are given
 * @param maxAttempts    attempts per request, first one included, for the SDK's standard retry strategy
 * @param attemptTimeout how long one attempt may take before it is abandoned and retried
 */
public record S3ConnectionSettings(
        Optional<String> region,
        Optional<URI> endpoint,
        boolean pathStyle,
        Optional<StaticCredentials> credentials,
        Optional<String> profile,
        int maxAttempts,
        Duration attemptTimeout) {

    /** Attempts per request unless configured: a long listing survives a bad minute of throttling. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    /** One minute an attempt: the SDK's own default for the URLConnection client's socket. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

    /** Refuses a null value, by its name, a region that is no region name, and fewer than one attempt. */
    public S3ConnectionSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        region.filter(name -> !isRegionName(name)).ifPresent(name -> {
            throw new IllegalArgumentException("region " + REGION_NAME_RULE + ", was: " + name);
        });
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** What {@link #isRegionName(String)} asks of a region, for messages: {@code "<where> " + REGION_NAME_RULE}. */
    public static final String REGION_NAME_RULE = "must be a region name: letters, digits, '-', '_' and '.' only";

    /**
     * Whether {@code name} can be a signing region: not empty, ASCII letters, digits, {@code -}, {@code _} and
     * {@code .}. That holds every Amazon region and the names other stores use ({@code auto}, {@code garage},
     * {@code us-east-1-local}, Ceph zone groups), and keeps out what a region cannot hold: a space, a newline or
     * a control character would reach the signature's credential scope and come back as a failed request (or a
     * broken log line), a {@code /} would split that scope.
     */
    public static boolean isRegionName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.');
    }

    /** Amazon S3 with the SDK's default region and credential chains. */
    public static S3ConnectionSettings defaults() {
        return new S3ConnectionSettings(Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), DEFAULT_MAX_ATTEMPTS, DEFAULT_ATTEMPT_TIMEOUT);
    }

    /** True when requests go to Amazon S3 itself rather than to an S3-compatible store. */
    public boolean isAmazonS3() {
        return endpoint.map(uri -> {
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
        }).orElse(true);
    }

    /**
     * A copy with another endpoint, addressed path-style ({@link #withPathStyle(boolean) withPathStyle(false)} after
     * this call for virtual-hosted addressing). Path-style is what the CLI and the Kafka connectors default to with an
     * endpoint URL: a store on its own host name (MinIO at {@code http://minio:9000}) has no DNS name for
     * {@code bucket.minio}, so virtual-hosted requests would fail there with an unknown host.
     */
    public S3ConnectionSettings withEndpoint(URI newEndpoint) {
        return new S3ConnectionSettings(region, Optional.of(newEndpoint), true, credentials, profile,
                maxAttempts, attemptTimeout);
    }

    /** A copy with explicit credentials. */
    public S3ConnectionSettings withCredentials(StaticCredentials newCredentials) {
        return new S3ConnectionSettings(region, endpoint, pathStyle, Optional.of(newCredentials), profile,
                maxAttempts, attemptTimeout);
    }

    /** A copy with another region. */
    public S3ConnectionSettings withRegion(String newRegion) {
        return new S3ConnectionSettings(Optional.of(newRegion), endpoint, pathStyle, credentials, profile,
                maxAttempts, attemptTimeout);
    }

    /** A copy that takes its credentials from {@code newProfile} of the shared AWS config files, unless explicit keys are given. */
    public S3ConnectionSettings withProfile(String newProfile) {
        return new S3ConnectionSettings(region, endpoint, pathStyle, credentials, Optional.of(newProfile),
                maxAttempts, attemptTimeout);
    }

    /** A copy with path-style addressing switched on or off. */
    public S3ConnectionSettings withPathStyle(boolean newPathStyle) {
        return new S3ConnectionSettings(region, endpoint, newPathStyle, credentials, profile,
                maxAttempts, attemptTimeout);
    }

    /** A copy with another attempt budget. */
    public S3ConnectionSettings withMaxAttempts(int newMaxAttempts) {
        return new S3ConnectionSettings(region, endpoint, pathStyle, credentials, profile,
                newMaxAttempts, attemptTimeout);
    }

    /** A copy with another limit on one attempt's time. */
    public S3ConnectionSettings withAttemptTimeout(Duration newAttemptTimeout) {
        return new S3ConnectionSettings(region, endpoint, pathStyle, credentials, profile,
                maxAttempts, newAttemptTimeout);
    }
}
