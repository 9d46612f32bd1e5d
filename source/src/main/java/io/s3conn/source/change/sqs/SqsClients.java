package io.s3conn.source.change.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.s3conn.core.s3.CheckedHttpFailures;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the SQS client for a queue URL with the credentials of the S3 connection, sending to the URL's server whatever
 * endpoint the environment sets: Amazon SQS for {@code https://sqs.<region>.amazonaws.com/...} (its region from the URL),
 * else the URL's server, signed for the region its host names (Amazon SQS's FIPS, dual-stack and VPC endpoints, the legacy
 * {@code <region>.queue.amazonaws.com}) or else the S3 connection's (ElasticMQ, LocalStack).
 */
public final class SqsClients {

    private static final Pattern AMAZON = Pattern.compile("sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?", Pattern.CASE_INSENSITIVE);
    /** Other hosts of Amazon SQS, which name the queue's region. */
    private static final Pattern AMAZON_ELSEWHERE = Pattern.compile(
            "(?:.+\\.)?sqs(?:-fips)?\\.([a-z0-9-]+)\\.(?:vpce\\.)?(?:amazonaws\\.com(?:\\.cn)?|api\\.aws)"
                    + "|([a-z0-9-]+)\\.queue\\.amazonaws\\.com(?:\\.cn)?");
    /** The legacy host of us-east-1's queues. */
    private static final String LEGACY_US_EAST_1 = "queue.amazonaws.com";

    private SqsClients() {
    }

    /** A client for {@code queueUrl}; the caller closes it. */
    public static SqsClient create(S3ConnectionSettings connection, URI queueUrl) {
        String host = queueUrl.getHost() == null ? "" : queueUrl.getHost().toLowerCase(Locale.ROOT);
        Matcher amazon = AMAZON.matcher(host);
        SqsClientBuilder builder = SqsClient.builder()
                .credentialsProvider(S3Clients.credentials(connection))
                // Long polls hold a request open for up to 20 s.
                .httpClientBuilder(CheckedHttpFailures.around(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(40))));
        builder.region(amazon.matches() ? Region.of(amazon.group(1)) : regionOf(host).orElseGet(() -> S3Clients.region(connection)))
                // The queue's URL names its server, Amazon SQS's too: without an endpoint of its own, the SDK would send
                // to $AWS_ENDPOINT_URL (or aws.endpointUrl, a profile's endpoint_url), which users set for S3.
                .endpointOverride(URI.create(queueUrl.getScheme() + "://" + queueUrl.getRawAuthority()));
        return builder.build();
    }

    /** The region an Amazon SQS host other than {@code sqs.<region>.amazonaws.com} names, if it is one. */
    private static Optional<Region> regionOf(String host) {
        if (host.equals(LEGACY_US_EAST_1)) {
            return Optional.of(Region.US_EAST_1);
        }
        Matcher elsewhere = AMAZON_ELSEWHERE.matcher(host);
        if (!elsewhere.matches()) {
            return Optional.empty();
        }
        return Optional.of(Region.of(elsewhere.group(1) != null ? elsewhere.group(1) : elsewhere.group(2)));
    }
}
