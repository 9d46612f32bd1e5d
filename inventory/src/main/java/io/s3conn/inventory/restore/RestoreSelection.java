package io.s3conn.inventory.restore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.s3conn.core.model.ObjectSummary;

/**
 * Which archived objects a restore is for.
 *
 * @param include      glob patterns on the key ({@code **} crosses {@code /}); empty means all keys
 * @param exclude      glob patterns on the key that are left out
 * @param storageClass only this storage class
 * @param maxObjects   at most this many objects
 * @param maxBytes     at most this many bytes in total
 * @param extend       also restored objects, to extend their expiry
 */
public record RestoreSelection(List<String> include, List<String> exclude, Optional<String> storageClass,
                               long maxObjects, long maxBytes, boolean extend) {

    /** Refuses a null storage class; keeps unmodifiable copies of the globs. */
    public RestoreSelection {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        Objects.requireNonNull(storageClass, "storageClass");
    }

    /** Every archived object. */
    public static RestoreSelection all() {
        return new RestoreSelection(List.of(), List.of(), Optional.empty(), Long.MAX_VALUE, Long.MAX_VALUE, false);
    }

    /**
     * Checks globs as {@link #filter()} compiles them, so that a host can say which of its options holds a bad one.
     *
     * @throws IllegalArgumentException for a malformed glob, quoting it
     */
    public static void checkGlobs(List<String> globs) {
        globs.forEach(KeyGlob::of);
    }

    /**
     * The filters (storage class, globs) as one predicate, globs compiled once; the limits are the
     * planner's.
     *
     * @throws IllegalArgumentException for a malformed glob, before anything is listed
     */
    public Predicate<ObjectSummary> filter() {
        List<KeyGlob> included = include.stream().map(KeyGlob::of).toList();
        List<KeyGlob> excluded = exclude.stream().map(KeyGlob::of).toList();
        return object -> (storageClass.isEmpty() || storageClass.get().equalsIgnoreCase(object.storageClass()))
                && (included.isEmpty() || included.stream().anyMatch(glob -> glob.matches(object.key())))
                && excluded.stream().noneMatch(glob -> glob.matches(object.key()));
    }
}
