package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.source.walk.GuardedListings;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Cuts a scope (bucket and prefix) into key ranges to walk at once, without listing it.
 *
 * <ol>
 *   <li>The folder layout, where there is one: one ListObjectsV2 with delimiter {@code /} returns the
 *       first common prefixes under the scope's prefix; each becomes the start of a range (grouped when
 *       there are more than wanted). Whatever the page did not reach stays in the last range.</li>
 *   <li>Where there are too few folders (a flat key space), the same listing's keys tell how keys are
 *       spread ({@link KeyDensity}) and the last range is cut evenly by that, still without probes;
 *       when they tell nothing, it is cut by {@link RangeSplitter#split} at points that probes show to hold keys.</li>
 * </ol>
 * The plan only balances the start; a walker splits ranges that turn out large while it walks them.
 * Ranges are consecutive and together cover exactly the range planned, so correctness never depends on
 * the plan.
 */
public final class RangePlanner {

    private static final String DELIMITER = "/";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final RangeSplitter splitter;

    /**
     * @param s3       the client, owned by the caller
     * @param bucket   the bucket
     * @param prefix   the scope: keys starting with this ({@code ""} for all)
     * @param splitter probes the same scope
     */
    public RangePlanner(S3Client s3, String bucket, String prefix, RangeSplitter splitter) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    /** A planner probing through an {@link S3KeyProbe} on the same client. */
    public static RangePlanner of(S3Client s3, String bucket, String prefix) {
        return new RangePlanner(s3, bucket, prefix, new RangeSplitter(new S3KeyProbe(s3, bucket, prefix), prefix));
    }

    /**
     * Up to {@code targetRanges} consecutive ranges covering exactly {@code within}. Sends one listing
     * with a delimiter, then, if that found too few folders and too few keys to place cuts, probes as
     * {@link RangeSplitter#split}; nothing for a target of one range.
     */
    public List<KeyRange> plan(KeyRange within, int targetRanges) {
        if (targetRanges < 1) {
            throw new IllegalArgumentException("target ranges must be at least 1, was " + targetRanges);
        }
        if (targetRanges == 1) {
            return List.of(within); // one sequential walk: nothing to find out
        }
        FirstFolders first = folders(within);
        List<String> folders = KeySpace.boundaries(first.names(), within.after(), within.upTo());
        int step = Math.max(1, (folders.size() + targetRanges - 1) / targetRanges);
        List<KeyRange> ranges = new ArrayList<>();
        Optional<String> after = within.after();
        // A folder's keys sort after its name, so the range before a folder ends at the name itself.
        for (int i = step; i < folders.size(); i += step) {
            ranges.add(new KeyRange(after, Optional.of(folders.get(i))));
            after = Optional.of(folders.get(i));
        }
        KeyRange rest = new KeyRange(after, within.upTo());
        // The rest is one folder, unless the layout gave too little to go on (no folders, or more than a page).
        boolean restUnknown = folders.size() < 2 || first.truncated();
        int missing = targetRanges - ranges.size();
        ranges.addAll(restUnknown && missing > 1 ? cut(rest, missing, first.keys()) : List.of(rest));
        return ranges;
    }

    /**
     * {@code rest} in up to {@code pieces} ranges, none expected to hold less than a page: by the density
     * of the listed keys, else by probes.
     */
    private List<KeyRange> cut(KeyRange rest, int pieces, List<String> listed) {
        List<String> inRest = listed.stream().filter(rest::contains).toList();
        Optional<KeyDensity> density = KeyDensity.of(inRest, inRest.size(), prefix);
        if (density.isEmpty()) {
            return splitter.split(rest, pieces);
        }
        // No part smaller than the listing just made (a page): a small scope stays one range.
        long pages = density.get().keysIn(inRest.getFirst(), rest.upTo()).orElse(Long.MAX_VALUE)
                / Math.max(1, listed.size());
        int count = (int) Math.max(1, Math.min(pieces, pages));
        List<String> cuts = density.get().cuts(inRest.getFirst(), rest.upTo(), 0, count);
        List<KeyRange> parts = new ArrayList<>(cuts.size() + 1);
        Optional<String> after = rest.after();
        for (String cut : cuts) {
            parts.add(new KeyRange(after, Optional.of(cut)));
            after = Optional.of(cut);
        }
        parts.add(new KeyRange(after, rest.upTo()));
        return parts;
    }

    /** Every key of the scope in up to {@code targetRanges} ranges. */
    public List<KeyRange> plan(int targetRanges) {
        return plan(KeyRange.ALL, targetRanges);
    }

    /**
     * The common prefixes of the first delimiter page strictly inside the range planned, whether more
     * followed, and the page's keys (in a flat key space, a sample of how keys are spread).
     */
    private record FirstFolders(List<String> names, boolean truncated, List<String> keys) {
    }

    private FirstFolders folders(KeyRange within) {
        ListObjectsV2Request.Builder request = GuardedListings.listObjectsV2().bucket(bucket).delimiter(DELIMITER)
                .maxKeys(1000).encodingType(EncodingType.URL);
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        within.after().ifPresent(request::startAfter);
        ListObjectsV2Response page = s3.listObjectsV2(request.build());
        List<String> names = page.commonPrefixes().stream().map(CommonPrefix::prefix)
                .filter(folder -> within.contains(folder) && !within.upTo().equals(Optional.of(folder)))
                .sorted(KeyRange.KEY_ORDER)
                .toList();
        List<String> keys = page.contents().stream().map(o -> o.key())
                .toList();
        return new FirstFolders(names, Boolean.TRUE.equals(page.isTruncated()), keys);
    }
}
