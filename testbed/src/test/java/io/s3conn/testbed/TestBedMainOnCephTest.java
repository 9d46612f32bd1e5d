package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.s3conn.testbed.ceph.CephRgwServer;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code TestBedMain change} against {@code serve --server ceph}: README's "By hand" on the second server. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TestBedMainOnCephTest {

    private static CephRgwServer rgw;

    @BeforeAll
    static void start() {
        rgw = CephRgwServer.start();
        TestBedMain.seedDemo(rgw);
    }

    @AfterAll
    static void stop() {
        if (rgw != null) {
            rgw.close();
        }
    }

    @Test
    void change_deletes_an_object_the_demo_bucket_held_on_RGW() {
        List<String> before = keys();

        TestBedMain.DemoChange change = TestBedMain.changeDemo(rgw.client());

        assertThat(before).contains(change.deleted());
        assertThat(keys()).doesNotContain(change.deleted()).contains(change.added());
    }

    private static List<String> keys() {
        return rgw.client().listObjectsV2Paginator(b -> b.bucket(TestBedMain.DEMO_BUCKET)).contents().stream()
                .map(S3Object::key).toList();
    }
}
