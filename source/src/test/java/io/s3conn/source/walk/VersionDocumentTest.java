package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import io.s3conn.glacier.ListedRestore;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;

/** The versions and delete markers of a ListObjectVersions document, read as it arrives, in its order. */
class VersionDocumentTest {

    private static final String MODIFIED = "<LastModified>2026-01-02T03:04:05.000Z</LastModified>";

    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name>
              <EncodingType>url</EncodingType>
              <Version><Key>a%20b</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-02T03:04:05.000Z</LastModified></Version>
              <DeleteMarker><Key>a%20b</Key><VersionId>m2</VersionId><IsLatest>false</IsLatest><LastModified>2026-01-02T03:04:05.000Z</LastModified></DeleteMarker>
              <Version><Key>a%20b</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><LastModified>2026-01-02T03:04:05.000Z</LastModified></Version>
              <Version><Key>c</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-02T03:04:05.000Z</LastModified></Version>
            </ListVersionsResult>
            """;

    @Test
    void versionsAndDeleteMarkersAreReadInTheDocumentsOwnInterleavedOrder() {
        VersionDocument order = new VersionDocument();

        read(order, 200, DOCUMENT);

        assertThat(order.read()).extracting(r -> r.element().version().versionId().orElseThrow() + "@" + r.index())
                .containsExactly("v3@0", "m2@1", "v1@2", "null@3");
    }

    @Test
    void entriesReadAreTakenOutOfTheDocumentTheSdkParses() {
        VersionDocument order = new VersionDocument();

        String left = read(order, 200, "<ListVersionsResult><Name>b</Name><Prefix>p</Prefix><KeyMarker>a+b</KeyMarker>"
                + "<Version><Key>a</Key><VersionId>v1</VersionId><LastModified>2026-01-02T03:04:05.000Z</LastModified>"
                + "</Version><IsTruncated>false</IsTruncated></ListVersionsResult>");

        assertThat(left).isEqualTo("<ListVersionsResult><Name>b</Name><IsTruncated>false</IsTruncated></ListVersionsResult>");
    }

    @Test
    void everyFieldOfAVersionIsReadAsTheSdkConvertsIt() {
        VersionDocument order = new VersionDocument();

        read(order, 200, "<ListVersionsResult><Version><Key>k</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest>"
                + "<LastModified>2026-01-02T03:04:05.678Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>42</Size>"
                + "<Owner><ID>o</ID><DisplayName></DisplayName></Owner><StorageClass>GLACIER</StorageClass>"
                + "<RestoreStatus><IsRestoreInProgress>false</IsRestoreInProgress>"
                + "<RestoreExpiryDate>2026-02-01T00:00:00Z</RestoreExpiryDate></RestoreStatus></Version></ListVersionsResult>");

        VersionElement read = order.read().getFirst().element();
        assertThat(read.latest()).isTrue();
        assertThat(read.version()).isEqualTo(new ObjectVersion("k", Optional.of("v1"), "abc", 42, "GLACIER",
                Instant.parse("2026-01-02T03:04:05.678Z"), false,
                Optional.of(new ListedRestore(false, Optional.of(Instant.parse("2026-02-01T00:00:00Z"))))));
    }

    @Test
    void aDeleteMarkerIsReadWithoutContent() {
        VersionDocument order = new VersionDocument();

        read(order, 200, "<ListVersionsResult><DeleteMarker><Key>k</Key><VersionId>m1</VersionId><IsLatest>false</IsLatest>"
                + "<LastModified>2026-01-02T03:04:05Z</LastModified><Owner><ID>o</ID></Owner></DeleteMarker></ListVersionsResult>");

        VersionElement read = order.read().getFirst().element();
        assertThat(read.latest()).isFalse();
        assertThat(read.version()).isEqualTo(new ObjectVersion("k", Optional.of("m1"), "", 0, "STANDARD",
                Instant.parse("2026-01-02T03:04:05Z"), true));
    }

    @Test
    void anEntryThatIsNotPlainIsLeftToTheSdkAndIndexedWhereItStood() {
        VersionDocument order = new VersionDocument();
        String odd = "<Version><Key>b</Key><VersionId>v2</VersionId><ETag id=\"x\">e</ETag></Version>";

        String left = read(order, 200, "<ListVersionsResult><Version><Key>a</Key><VersionId>v1</VersionId>"
                + "<LastModified>2026-01-02T03:04:05Z</LastModified></Version>" + odd + "</ListVersionsResult>");

        assertThat(left).isEqualTo("<ListVersionsResult>" + odd + "</ListVersionsResult>");
        assertThat(order.read()).hasSize(1);
        assertThat(order.indexOf(entry("b", "v2", false))).isEqualTo(1);
    }

    @Test
    void anEmptyOrUnreadableValueIsLeftToTheSdk() {
        VersionDocument order = new VersionDocument();

        read(order, 200, "<ListVersionsResult>"
                + "<Version><Key>a</Key><VersionId/><LastModified>2026-01-02T03:04:05Z</LastModified></Version>"
                + "<Version><Key>b</Key><Size>x</Size><LastModified>2026-01-02T03:04:05Z</LastModified></Version>"
                + "<Version><Key>c&bogus;</Key><LastModified>2026-01-02T03:04:05Z</LastModified></Version>"
                + "<Version><Key>d</Key><LastModified>yesterday</LastModified></Version>"
                + "<Version><Key>e</Key></Version>"
                + "<Version><Key>f<![CDATA[g]]></Key><LastModified>2026-01-02T03:04:05Z</LastModified></Version>"
                + "</ListVersionsResult>");

        assertThat(order.read()).isEmpty();
    }

    @Test
    void anErrorResponseIsNotRead() {
        VersionDocument order = new VersionDocument();

        read(order, 500, DOCUMENT);

        assertThat(order.read()).isEmpty();
    }

    @Test
    void aBrokenDocumentReadsNothingOfTheBrokenEntry() {
        VersionDocument order = new VersionDocument();

        read(order, 200, "<ListVersionsResult><Version><Key>c</Key>");

        assertThat(order.read()).isEmpty();
    }

    /** The response as the SDK reads it: through the interceptor, to its end. */
    private static String read(VersionDocument order, int status, String document) {
        Optional<InputStream> body = order.modifyHttpResponseContent(response(status, document), new ExecutionAttributes());
        try (InputStream in = body.orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRetriedResponseIsReadFromItsOwnStart() throws IOException {
        VersionDocument order = new VersionDocument();
        try (InputStream cutShort = order.modifyHttpResponseContent(response(200, DOCUMENT), new ExecutionAttributes())
                .orElseThrow()) {
            cutShort.readNBytes(DOCUMENT.indexOf("<Version><Key>c"));
        }

        read(order, 200, DOCUMENT);

        assertThat(order.read()).extracting(VersionDocument.Indexed::index).containsExactly(0, 1, 2, 3);
    }

    @Test
    void anEncodingTypeAfterTheEntriesStillDecodesTheirKeys() {
        VersionDocument order = new VersionDocument();

        read(order, 200, "<ListVersionsResult><Version><Key>a%2Bb</Key><VersionId>v1</VersionId>" + MODIFIED + "</Version>"
                + "<DeleteMarker><Key>a%2Bb</Key><VersionId>m0</VersionId></DeleteMarker>"
                + "<EncodingType>url</EncodingType></ListVersionsResult>");

        assertThat(order.read()).extracting(r -> r.element().version().key()).containsExactly("a+b");
        assertThat(order.indexOf(entry("a+b", "m0", true))).isEqualTo(1);
    }

    @Test
    void keysOfADocumentWithoutUrlEncodingAreReadWithTheirXmlEscapes() {
        VersionDocument order = new VersionDocument();

        read(order, 200, "<ListVersionsResult><Version><Key>a&amp;b&lt;%41&#x263A;\r\n\u00e9</Key><VersionId>v&#49;</VersionId>"
                + MODIFIED + "</Version></ListVersionsResult>");

        assertThat(order.read()).extracting(r -> r.element().version().key() + " " + r.element().version().versionId().orElseThrow())
                .containsExactly("a&b<%41\u263A\n\u00e9 v1");
    }

    private static InterceptorContext response(int status, String body) {
        return InterceptorContext.builder()
                .request(ListObjectVersionsRequest.builder().bucket("b").build())
                .httpRequest(SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http").host("localhost")
                        .encodedPath("/b").build())
                .httpResponse(SdkHttpResponse.builder().statusCode(status).build())
                .responseBody(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static ObjectVersion entry(String key, String versionId, boolean deleteMarker) {
        return new ObjectVersion(key, Optional.of(versionId), "", 0, "STANDARD", Instant.EPOCH, deleteMarker);
    }
}
