package io.s3conn.it;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import io.s3conn.testbed.S3Server;

/**
 * Requests counted on the client's side, by operation ({@code HeadObject}, {@code GetObject},
 * {@code RestoreObject}, ...): what a run sent to a server that, unlike the emulator, keeps no
 * statistics of its own (Ceph RGW). Counts every attempt, retries included.
 */
public final class CountedRequests implements ExecutionInterceptor {

    private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();

    /** A client for {@code server} that counts its requests here; the caller closes it. */
    public S3Client client(S3Server server) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of(server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKeyId(), server.secretAccessKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                .build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong())
                .incrementAndGet();
    }

    /** Requests of one operation sent so far. */
    public long of(String operation) {
        AtomicLong count = byOperation.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Forgets what was counted. */
    public void reset() {
        byOperation.clear();
    }
}
