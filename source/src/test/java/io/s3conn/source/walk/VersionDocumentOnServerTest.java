package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.s3conn.source.range.KeyRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * A versions walk reads entries from the document itself ({@link VersionDocument}); against the test bed's server,
 * it reads every version and delete marker exactly as the SDK's own parse of the same listing does.
 */
class VersionDocumentOnServerTest {

    private static final String BUCKET = "parity";
    private static final List<String> KEYS = List.of("a b", "a+b", "100%", "x&y<z>'\"", "caf\u00e9", "x\uD83D\uDE00",
            "x\uE000", "tab\there", "ctl\u0001", "cr\rlf\n", "folder/key");

    @RegisterExtension
    static final WalkTestBed SERVER = new WalkTestBed();

    @BeforeAll
    static void seed() {
        SERVER.versionedBucket(BUCKET, KEYS);
        SERVER.s3().deleteObject(b -> b.bucket(BUCKET).key("a b"));
    }

    @Test
    void everyEntryOfTheWalkIsTheEntryTheSdkParses() {
        List<ObjectVersion> walked = new ArrayList<>();
        new VersionsWalk(SERVER.s3(), BUCKET, "", 1000, false).pages(KeyRange.ALL)
                .forEachRemaining(page -> page.entries().forEach(history -> walked.addAll(history.newestFirst())));

        assertThat(walked).hasSize(2 * KEYS.size() + 1).containsExactlyInAnyOrderElementsOf(parsedBySdk());
    }

    @Test
    void theServersEntriesArePlainEnoughToBeReadFromTheDocument() {
        VersionDocument document = new VersionDocument();

        ListObjectVersionsResponse response = SERVER.s3().listObjectVersions(Listings.intercepted(
                ListObjectVersionsRequest.builder(), document).bucket(BUCKET).encodingType(EncodingType.URL).build());

        assertThat(document.read()).hasSize(2 * KEYS.size() + 1);
        assertThat(response.versions()).isEmpty();
        assertThat(response.deleteMarkers()).isEmpty();
    }

    /** The bucket's entries through the SDK's own model, as the walk reads an entry the document left to the SDK. */
    private static List<ObjectVersion> parsedBySdk() {
        ListObjectVersionsResponse response = SERVER.s3()
                .listObjectVersions(b -> b.bucket(BUCKET).encodingType(EncodingType.URL));
        List<ObjectVersion> parsed = new ArrayList<>();
        response.versions().forEach(v -> parsed.add(VersionsWalk.version(v)));
        response.deleteMarkers().forEach(m -> parsed.add(VersionsWalk.marker(m)));
        return parsed;
    }
}
