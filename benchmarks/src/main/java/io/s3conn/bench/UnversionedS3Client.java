package io.s3conn.bench;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;

/**
 * An {@link S3Client} for the source benchmark against the test bed's synthetic bucket, which serves listings
 * and HEAD but answers GetBucketVersioning with 501: this client answers it itself as S3 does for a bucket
 * never versioned (no status), and forwards every other request to the server.
 */
final class UnversionedS3Client extends ForwardingS3Client {

    UnversionedS3Client(S3Client delegate) {
        super(delegate);
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        return GetBucketVersioningResponse.builder().build();
    }
}
