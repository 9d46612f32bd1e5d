package io.s3conn.source.listing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.glacier.ArchiveClassifier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A ListObjectsV2 walk over a bucket and prefix, page by page, through the SDK's paginator.
 *
 * <p>Keys travel URL-encoded ({@code encoding-type=url}, decoded by the SDK) so that keys with
 * characters XML 1.0 cannot carry, such as control characters, list correctly.
 *
 * <p>When restore status is requested and the server answers the first page with a 400 or 501,
 * the page is requested again without it; if that succeeds, the server rejects the attribute
 * (S3Proxy does unless told to ignore unknown headers) and the rest of the walk goes without it,
 * {@link #restoreStatusRejected()} then being true.
 */
public final class BucketListing implements Iterable<ListingPage> {

    private final S3Client s3;
    private final ListingRequest request;
    private volatile boolean restoreStatusRejected;
    private volatile long requests;

    public BucketListing(S3Client s3, ListingRequest request) {
        this.s3 = s3;
        this.request = request;
    }

    /** True once the server has refused the {@code RestoreStatus} attribute. */
    public boolean restoreStatusRejected() {
        return restoreStatusRejected;
    }

    /** ListObjectsV2 requests sent so far (retries inside the SDK not counted). */
    public long requestCount() {
        return requests;
    }

    @Override
    public Iterator<ListingPage> iterator() {
        return new PageIterator();
    }

    private ListObjectsV2Request sdkRequest(boolean withRestoreStatus) {
        ListObjectsV2Request.Builder builder = ListObjectsV2Request.builder()
                .bucket(request.bucket())
                .maxKeys(request.pageSize())
                .encodingType(EncodingType.URL);
        if (!request.prefix().isEmpty()) {
            builder.prefix(request.prefix());
        }
        request.startAfter().ifPresent(builder::startAfter);
        if (withRestoreStatus) {
            builder.optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS);
        }
        return builder.build();
    }

    private final class PageIterator implements Iterator<ListingPage> {
        private Iterator<ListObjectsV2Response> responses;
        private boolean withRestoreStatus = request.requestRestoreStatus();
        private boolean done;

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public ListingPage next() {
            if (done) {
                throw new NoSuchElementException();
            }
            ListObjectsV2Response response = nextResponse();
            requests++;
            boolean last = !Boolean.TRUE.equals(response.isTruncated());
            done = last;
            return new ListingPage(entries(response), last, withRestoreStatus);
        }

        private ListObjectsV2Response nextResponse() {
            if (responses == null) {
                responses = s3.listObjectsV2Paginator(sdkRequest(withRestoreStatus)).iterator();
                if (withRestoreStatus) {
                    try {
                        return responses.next();
                    } catch (S3Exception e) {
                        if (e.statusCode() != 400 && e.statusCode() != 501) {
                            throw e;
                        }
                        // Asked again without the attribute: if this fails too, its error is the real one.
                        responses = s3.listObjectsV2Paginator(sdkRequest(false)).iterator();
                        ListObjectsV2Response first = responses.next();
                        withRestoreStatus = false;
                        restoreStatusRejected = true;
                        return first;
                    }
                }
            }
            return responses.next();
        }
    }

    private static List<ListedObject> entries(ListObjectsV2Response response) {
        List<ListedObject> entries = new ArrayList<>(response.contents().size());
        for (S3Object object : response.contents()) {
            ObjectSummary summary = new ObjectSummary(
                    object.key(),
                    object.size() == null ? 0L : object.size(),
                    ObjectSummary.unquoteETag(object.eTag()),
                    ArchiveClassifier.normalize(object.storageClassAsString()),
                    object.lastModified());
            Optional<ListedObject.ListedRestoreStatus> restore = Optional.ofNullable(object.restoreStatus())
                    .map(r -> new ListedObject.ListedRestoreStatus(
                            Boolean.TRUE.equals(r.isRestoreInProgress()),
                            Optional.ofNullable(r.restoreExpiryDate())));
            entries.add(new ListedObject(summary, restore));
        }
        return entries;
    }
}
