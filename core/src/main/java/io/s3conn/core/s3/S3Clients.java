package io.s3conn.core.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds SDK clients from {@link S3ConnectionSettings}. Every client gets the SDK's standard retry
 * strategy (503 SlowDown, 500, throttling and connection resets are retried with jittered exponential
 * backoff; a response cut off half-way too, {@link ResponseReadFailures}), so no code in s3conn loops on
 * failures by hand.
 */
public final class S3Clients {

    /** The region used when neither settings nor the environment name one (S3-compatible stores ignore it). */
    public static final Region FALLBACK_REGION = Region.US_EAST_1;

    private S3Clients() {
    }

    /** A synchronous client; the caller closes it. */
    public static S3Client create(S3ConnectionSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle())
                // The JDK's HttpURLConnection: no extra dependency, starts fast, native-image friendly, and
                // the one HTTP client Quarkus' amazon-services extension supports on this Quarkus version.
                .httpClientBuilder(CheckedHttpFailures.around(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(settings.attemptTimeout())))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(new PermanentFailuresNotRetried(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                // A shorter cap than the SDK's 20 s: an unreachable endpoint is reported
                                // in seconds, not minutes, while throttling still backs off properly.
                                .backoffStrategy(BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(100), Duration.ofSeconds(5)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                        Duration.ofMillis(500), Duration.ofSeconds(10)))
                                .build()))
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .addExecutionInterceptor(new ResponseReadFailures())
                        .addExecutionInterceptor(ThrottledAttempts.interceptor())
                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (settings.isAmazonS3()) {
            // The bucket may live in another region than the one configured; let the SDK follow it.
            builder.crossRegionAccessEnabled(true);
        } else {
            // Most S3-compatible stores reject the flexible-checksum trailers newer SDKs send by default.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /**
     * The signing region of these settings (the configured one, else the environment's, else {@link #FALLBACK_REGION}).
     *
     * @throws RegionNameException when the environment's is no region name
     */
    public static Region region(S3ConnectionSettings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        // Off Amazon S3 the EC2 instance metadata service has nothing to say: ask only settings and profiles.
        AwsRegionProviderChain chain = settings.isAmazonS3() ? new DefaultAwsRegionProviderChain()
                : new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider());
        Region region;
        try {
            region = chain.getRegion();
        } catch (SdkClientException noRegionConfigured) {
            return FALLBACK_REGION;
        }
        // The rule the region setting is held to: a space or control character would reach the signature's scope.
        // Region.of URL-encodes what it was given ("us east" is "us%20east"): the message shows it as written.
        if (!S3ConnectionSettings.isRegionName(region.id())) {
            throw new RegionNameException(URLDecoder.decode(region.id(), StandardCharsets.UTF_8));
        }
        return region;
    }

    /** The credentials of these settings; other AWS clients of the same account (SQS) use them too. */
    public static AwsCredentialsProvider credentials(S3ConnectionSettings settings) {
        if (settings.credentials().isPresent()) {
            StaticCredentials keys = settings.credentials().get();
            return StaticCredentialsProvider.create(keys.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token ->
                            AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())));
        }
        if (settings.profile().isPresent()) {
            return ProfileCredentialsProvider.create(settings.profile().get());
        }
        if (!settings.isAmazonS3()) {
            // An S3-compatible store cannot use container or instance-role credentials, so never ask the
            // metadata endpoints for them (a slow, pointless network call where no such service exists).
            return AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
                    EnvironmentVariableCredentialsProvider.create(), ProfileCredentialsProvider.create());
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
