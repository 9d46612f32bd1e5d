package io.s3conn.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.SettingValues;
import io.s3conn.core.record.RecordJson;
import io.s3conn.destination.StoredBatch;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link Pipeline} that stopped between storing a batch and committing it, started again: the
 * destination holds every record once.
 */
class PipelineRestartTest {

    private static TestBed bed;

    @BeforeAll
    static void start() {
        bed = TestBed.start();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void aStoredButUncommittedBatchIsReplacedEvenWhenAnEarlierKeyChangedMeanwhile() throws Exception {
        bed.createBucket("restart-src");
        bed.createBucket("restart-dst");
        bed.putMany("restart-src", List.of("b", "c"), 2);
        PipelineSettings settings = PipelineSettings.of(values());
        new Pipeline(settings, Pipeline.Listener.NONE).run(Long.MAX_VALUE, true);
        bed.put("restart-src", "d", "changed while running", null);
        Pipeline crashing = new Pipeline(settings, new Pipeline.Listener() {
            @Override
            public void uploaded(StoredBatch batch) {
                throw new IllegalStateException("killed between storing and committing");
            }
        });
        assertThatThrownBy(() -> crashing.run(Long.MAX_VALUE, true)).hasMessageContaining("killed");
        bed.put("restart-src", "a", "changed while stopped", null); // read before "d" from now on

        new Pipeline(settings, Pipeline.Listener.NONE).run(Long.MAX_VALUE, true);

        assertThat(storedKeys("restart-dst")).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void aReplayedBatchIsFiledUnderTheSameDateAsItsCopyEvenWhenItStartsWithAnotherRecord() throws Exception {
        bed.createBucket("refile-src");
        bed.createBucket("refile-dst");
        bed.putMany("refile-src", List.of("b", "c"), 2);
        PipelineSettings settings = PipelineSettings.of(values("refile", "{yyyy}/{id}.{ext}"));
        // A delete's only time is when it was read: with the source's clock years behind, the stored copy
        // of a batch that starts with one is filed under another year than a create read on replay.
        Clock yearsAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-3 * 365));
        new Pipeline(settings, Pipeline.Listener.NONE, yearsAgo).run(Long.MAX_VALUE, true);
        bed.client().deleteObject(b -> b.bucket("refile-src").key("c"));
        Pipeline crashing = new Pipeline(settings, new Pipeline.Listener() {
            @Override
            public void uploaded(StoredBatch batch) {
                throw new IllegalStateException("killed between storing and committing");
            }
        }, yearsAgo);
        assertThatThrownBy(() -> crashing.run(Long.MAX_VALUE, true)).hasMessageContaining("killed");
        bed.put("refile-src", "a", "created while stopped", null); // read before the delete of "c" from now on

        new Pipeline(settings, Pipeline.Listener.NONE, Clock.systemUTC()).run(Long.MAX_VALUE, true);

        assertThat(storedKeys("refile-dst")).containsExactlyInAnyOrder("b", "c", "a", "c");
    }

    private static SettingValues values() throws IOException {
        return values("restart", ObjectNamer.DEFAULT_TEMPLATE);
    }

    private static SettingValues values(String name, String keyTemplate) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("bucket", name + "-src");
        all.put("destination-bucket", name + "-dst");
        all.put("key-template", keyTemplate);
        all.put("format", "json");
        all.put("polling-period", "100ms");
        all.put("state", name);
        all.put("database", "jdbc:sqlite:" + Files.createTempDirectory("s3conn-pipeline-").resolve("s3conn.db"));
        all.put("endpoint-url", bed.endpoint().toString());
        all.put("access-key-id", bed.accessKeyId());
        all.put("secret-access-key", bed.secretAccessKey());
        all.put("region", bed.region());
        return SettingValues.merge(KeyedSettings.of("test", all));
    }

    /** The record keys in every object of the destination, one entry per record. */
    private static List<String> storedKeys(String bucket) throws IOException {
        List<String> keys = new ArrayList<>();
        for (S3Object object : bed.client().listObjectsV2(b -> b.bucket(bucket)).contents()) {
            String lines = bed.client().getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asUtf8String();
            for (String line : lines.strip().split("\n")) {
                keys.add(new String(RecordJson.read(line).key(), StandardCharsets.UTF_8));
            }
        }
        return keys;
    }
}
