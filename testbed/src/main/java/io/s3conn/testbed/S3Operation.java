package io.s3conn.testbed;

/** The S3 operations the archive emulator counts separately; everything else is {@link #OTHER}. */
public enum S3Operation {
    LIST_OBJECTS_V2("ListObjectsV2"),
    LIST_OBJECTS("ListObjects"),
    LIST_OBJECT_VERSIONS("ListObjectVersions"),
    HEAD_OBJECT("HeadObject"),
    GET_OBJECT("GetObject"),
    PUT_OBJECT("PutObject"),
    COPY_OBJECT("CopyObject"),
    RESTORE_OBJECT("RestoreObject"),
    DELETE_OBJECT("DeleteObject"),
    DELETE_OBJECTS("DeleteObjects"),
    OTHER("Other");

    private final String apiName;

    S3Operation(String apiName) {
        this.apiName = apiName;
    }

    /** Whether the operation lists keys (ListObjectsV2, ListObjects, ListObjectVersions). */
    public boolean listing() {
        return this == LIST_OBJECTS_V2 || this == LIST_OBJECTS || this == LIST_OBJECT_VERSIONS;
    }

    /** The name AWS uses for the operation, e.g. {@code ListObjectsV2}. */
    public String apiName() {
        return apiName;
    }
}
