package io.s3conn.core.state;

import java.util.Map;
import java.util.Optional;

/**
 * Where connectors keep their positions: named JSON documents that survive restarts.
 *
 * <p>Implementations write a checkpoint atomically: after a crash a reader sees the previous
 * value or the new one, never a mix.
 */
public interface CheckpointStore {

    /** The checkpoint stored under {@code name}, as JSON. */
    Optional<String> load(String name);

    /** Replaces the checkpoint stored under {@code name}. */
    void save(String name, String json);

    /** Every checkpoint whose name starts with {@code namePrefix}, by name. */
    Map<String, String> list(String namePrefix);
}
