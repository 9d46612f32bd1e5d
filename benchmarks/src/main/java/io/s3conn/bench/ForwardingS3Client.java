package io.s3conn.bench;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * An {@link S3Client} that forwards the operations the product's source and sync send (listings, HEAD, GET,
 * GetBucketVersioning) to another client, for benchmark clients that watch or answer one of them. The SDK's
 * paginators are default methods of {@link S3Client} calling the listing methods on {@code this}, so they
 * pass through the subclass too. Benchmark-only: the product's code is unchanged.
 */
abstract class ForwardingS3Client implements S3Client {

    private final S3Client delegate;

    ForwardingS3Client(S3Client delegate) {
        this.delegate = delegate;
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        return delegate.listObjectsV2(request);
    }

    @Override
    public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
        return delegate.listObjectVersions(request);
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        return delegate.headObject(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        return delegate.getObject(request);
    }

    @Override
    public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
        return delegate.getObject(request, transformer);
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        return delegate.getBucketVersioning(request);
    }

    @Override
    public S3ServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
