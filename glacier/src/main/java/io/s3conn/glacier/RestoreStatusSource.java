package io.s3conn.glacier;

/**
 * Where restore statuses come from.
 *
 * <p>A listing cannot show whether a server honoured {@code OptionalObjectAttributes=RestoreStatus}:
 * an archived object that was never restored has no {@code RestoreStatus} element on Amazon S3
 * either. So the listing is trusted only where that is known: on Amazon S3, or once the server has
 * shown a {@code RestoreStatus} element for some object (then it evidently implements it).
 * Elsewhere, archived objects are looked up with HeadObject.
 */
public enum RestoreStatusSource {
    /** Listing on Amazon S3 and on servers that have shown they support it; HEAD otherwise. */
    AUTO,
    /** Always trust the listing (a server known to implement RestoreStatus). */
    LISTING,
    /** Always HEAD archived objects; the listing is not asked for restore status. */
    HEAD
}
