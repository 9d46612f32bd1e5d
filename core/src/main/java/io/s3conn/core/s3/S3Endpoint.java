package io.s3conn.core.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 service a state was made against, as recorded with it: a bucket name says which bucket only together
 * with the server that holds it. Normalised so that the same server always gives the same label, and never
 * holding credentials (user info, query, path are dropped).
 *
 * <ul>
 *   <li>an S3-compatible store: {@code scheme://host:port}, lower case, the port written out
 *       ({@code http://127.0.0.1:9000}, {@code https://minio.example:443});</li>
 *   <li>Amazon S3 (no endpoint URL, or one under {@code amazonaws.com}): its partition, {@code aws} (or
 *       {@code aws-cn}, {@code aws-us-gov}). Not the region: bucket names are unique in a partition, and a
 *       client reaches a bucket of any region (cross-region access), so a changed {@code --region} is the same
 *       bucket.</li>
 * </ul>
 *
 * @param label the normalised endpoint, as shown and stored
 */
public record S3Endpoint(String label) {

    /** Refuses a null value, by its name. */
    public S3Endpoint {
        Objects.requireNonNull(label, "label");
    }

    /** The endpoint {@code client} sends its requests to, from its own configuration. */
    public static S3Endpoint of(S3Client client) {
        var configuration = client.serviceClientConfiguration();
        return of(configuration.endpointOverride(), configuration.region());
    }

    /**
     * The endpoint of a client with this endpoint override (none: Amazon S3) and region.
     *
     * @param override the endpoint URL, absent for Amazon S3
     * @param region   the client's region; only its partition counts, and only on Amazon S3
     */
    public static S3Endpoint of(Optional<URI> override, Region region) {
        Optional<URI> store = override.filter(uri -> !amazonHost(uri));
        if (store.isEmpty()) {
            return new S3Endpoint(partition(region));
        }
        URI uri = store.get();
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("https").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(uri.getHost()).orElse("").toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
        return new S3Endpoint(scheme + "://" + host + ":" + port);
    }

    private static boolean amazonHost(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn");
    }

    private static String partition(Region region) {
        // A region this SDK does not know has no metadata: the standard partition is the likely one.
        RegionMetadata metadata = region == null ? null : region.metadata();
        return metadata == null || metadata.partition() == null ? "aws" : metadata.partition().id();
    }

    /** The label. */
    @Override
    public String toString() {
        return label;
    }
}
