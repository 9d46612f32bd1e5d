package io.s3conn.glacier;

/**
 * RestoreObject was refused {@code 403 AccessDenied} for each of the first objects a run asked for, and none was
 * accepted: the credentials most likely lack {@code s3:RestoreObject}, and every further request would be refused
 * as well (one futile request and one line per object, for hours at a slow rate). A run stops there instead; a
 * selection smaller than that, refused whole, ends the same way.
 */
public final class RestoresDeniedException extends RuntimeException {

    /**
     * @param bucket the bucket the requests went to
     * @param prefix the prefix of the objects asked for, empty for the whole bucket
     * @param denied how many requests in a row were refused before the run stopped
     */
    public RestoresDeniedException(String bucket, String prefix, int denied) {
        super(message("each of the first " + denied + " objects of", bucket, prefix, "; nothing more was asked"));
    }

    private RestoresDeniedException(String message) {
        super(message);
    }

    /**
     * Every object of a selection too small to be stopped early was refused: the same reason, said of all of them.
     *
     * @param bucket the bucket the requests went to
     * @param prefix the prefix of the objects asked for, empty for the whole bucket
     * @param denied how many objects the selection held, each refused
     */
    public static RestoresDeniedException ofWholeSelection(String bucket, String prefix, long denied) {
        return new RestoresDeniedException(message((denied == 1 ? "the one object" : "each of the " + denied + " objects")
                + " selected in", bucket, prefix, ""));
    }

    private static String message(String refused, String bucket, String prefix, String more) {
        return "RestoreObject was refused (AccessDenied) for " + refused + " s3://" + bucket + "/" + prefix
                + " and none was accepted: the credentials may lack s3:RestoreObject there" + more
                + " (if only some prefixes are denied, narrow the selection with --prefix)";
    }
}
