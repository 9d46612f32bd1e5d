package io.s3conn.source.change.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the SQS client for a queue URL with the credentials of the S3 connection: Amazon SQS for
 * {@code https://sqs.<region>.amazonaws.com/...} (its region from the URL), else the URL's server
 * (ElasticMQ, LocalStack) as the endpoint.
 */
public final class SqsClients {

    private static final Pattern AMAZON = Pattern.compile("sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?", Pattern.CASE_INSENSITIVE);

    private SqsClients() {
    }

    /** A client for {@code queueUrl}; the caller closes it. */
    public static SqsClient create(S3ConnectionSettings connection, URI queueUrl) {
        String host = queueUrl.getHost() == null ? "" : queueUrl.getHost().toLowerCase(Locale.ROOT);
        Matcher amazon = AMAZON.matcher(host);
        SqsClientBuilder builder = SqsClient.builder()
                .credentialsProvider(S3Clients.credentials(connection))
                // Long polls hold a request open for up to 20 s.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(40)));
        if (amazon.matches()) {
            builder.region(Region.of(amazon.group(1)));
        } else {
            builder.region(S3Clients.region(connection))
                    .endpointOverride(URI.create(queueUrl.getScheme() + "://" + queueUrl.getRawAuthority()));
        }
        return builder.build();
    }
}
