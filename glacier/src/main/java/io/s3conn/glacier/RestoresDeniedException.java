package io.s3conn.glacier;

/**
 * RestoreObject was refused {@code 403 AccessDenied} for each of the first objects a run asked for, and none was
 * accepted: the credentials most likely lack {@code s3:RestoreObject}, and every further request would be refused
 * as well (one futile request and one line per object, for hours at a slow rate). A run stops there instead.
 */
public final class RestoresDeniedException extends RuntimeException {

    /**
     * @param bucket the bucket the requests went to
     * @param prefix the prefix of the objects asked for, empty for the whole bucket
     * @param denied how many requests in a row were refused before the run stopped
     */
    public RestoresDeniedException(String bucket, String prefix, int denied) {
        super("RestoreObject was refused (AccessDenied) for each of the first " + denied + " objects of s3://" + bucket
                + "/" + prefix + " and none was accepted: the credentials may lack s3:RestoreObject there; nothing "
                + "more was asked (if only some prefixes are denied, narrow the selection with --prefix)");
    }
}
