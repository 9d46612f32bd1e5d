package io.s3conn.source.position;

import java.time.Instant;

/**
 * Where an S3 source stands: in its snapshot (after a key) or in CDC. Printable as
 * {@code s3conn:v1:snapshot:<watermark ms>:<key>} / {@code s3conn:v1:cdc:<watermark ms>:<key>}, the
 * key base64url-encoded so that any key (newlines, {@code _}, {@code :}) survives; a CDC position may go on
 * with {@code :<version id>} and {@code :<sequence>} (see {@link CdcPosition}); Conduit's
 * {@code <key>_s<seconds>} and {@code <key>_c<seconds>} are accepted as well (see {@link SourcePositions}).
 */
public sealed interface SourcePosition permits SnapshotPosition, CdcPosition {

    /**
     * The time the source's view of the bucket is complete up to: the start of the snapshot, or of
     * the CDC poll. Used to start CDC when no on-disk state exists yet (a position from elsewhere).
     */
    Instant watermark();

    /** The printable form, accepted back by {@link SourcePositions#parse(String)}. */
    String printable();
}
