package io.s3conn.destination.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Stores a finished batch file: one PutObject, or a multipart upload in parts of {@code partSize}
 * read one at a time, so memory stays at one part whatever the batch size. A failed multipart upload
 * is aborted, leaving no parts behind to pay for.
 */
final class ObjectUploader {

    /** S3 numbers the parts of one upload 1 to 10,000 and refuses part 10,001. */
    static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final S3DestinationConfiguration config;

    ObjectUploader(S3Client s3, S3DestinationConfiguration config) {
        this.s3 = s3;
        this.config = config;
    }

    void upload(String key, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size <= config.partSize()) {
            PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(config.bucket()).key(key)
                    .contentType(config.format().contentType());
            config.storageClass().ifPresent(request::storageClass);
            config.acl().ifPresent(request::acl);
            config.encryption().ifPresent(sse -> {
                request.serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm()));
                sse.kmsKeyId().ifPresent(request::ssekmsKeyId);
            });
            try {
                s3.putObject(request.build(), RequestBody.fromFile(file));
            } catch (S3Exception e) {
                throw refused(key, e);
            }
            return;
        }
        multipart(key, file, size);
    }

    /** The answer as it came, or, for a 400, named with the bucket, the key and the object settings sent. */
    private RuntimeException refused(String key, S3Exception answer) {
        return answer.statusCode() == 400
                ? new UploadRefusedException(config.bucket(), key, UploadRefusedException.settingsOf(config), answer)
                : answer;
    }

    private void multipart(String key, Path file, long size) {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(config.bucket())
                .key(key).contentType(config.format().contentType());
        config.storageClass().ifPresent(sc -> create.storageClass(StorageClass.fromValue(sc)));
        config.acl().ifPresent(create::acl);
        config.encryption().ifPresent(sse -> {
            create.serverSideEncryption(ServerSideEncryption.fromValue(sse.algorithm()));
            sse.kmsKeyId().ifPresent(create::ssekmsKeyId);
        });
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(create.build()).uploadId();
        } catch (S3Exception e) {
            throw refused(key, e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            int partSize = partSize(config.partSize(), size);
            byte[] part;
            while ((part = in.readNBytes(partSize)).length > 0) {
                int partNumber = number++;
                String eTag = s3.uploadPart(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (S3Exception e) {
            abort(key, uploadId, e);
            throw refused(key, e);
        } catch (IOException | RuntimeException e) {
            abort(key, uploadId, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Aborts the upload so that its parts cost nothing; a failed abort is kept with {@code failure}, not raised. */
    private void abort(String key, String uploadId, Exception failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId));
        } catch (RuntimeException abortFailed) {
            failure.addSuppressed(abortFailed);
        }
    }

    /**
     * The size of each part of a file of {@code fileSize} bytes: the configured size, or larger when the file would
     * need more than {@link #MAX_PARTS} of them (a batch allowed above 48 GiB by {@code max-batch-bytes}), so that
     * such a batch is stored rather than refused at its 10,001st part after 48 GiB were sent.
     */
    static int partSize(long configured, long fileSize) {
        long needed = Math.max(configured, (fileSize + MAX_PARTS - 1) / MAX_PARTS);
        if (needed > S3DestinationConfiguration.MAX_PART_SIZE) {
            throw new IllegalArgumentException("a batch of " + fileSize + " bytes needs parts of " + needed
                    + " bytes, more than the " + S3DestinationConfiguration.MAX_PART_SIZE
                    + " one part held in memory can be; lower max-batch-bytes");
        }
        return (int) needed;
    }
}
