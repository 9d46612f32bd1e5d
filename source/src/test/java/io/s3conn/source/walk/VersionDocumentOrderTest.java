package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;

/** The order of versions and delete markers as a ListObjectVersions document has them. */
class VersionDocumentOrderTest {

    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name>
              <EncodingType>url</EncodingType>
              <Version><Key>a%20b</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest></Version>
              <DeleteMarker><Key>a%20b</Key><VersionId>m2</VersionId><IsLatest>false</IsLatest></DeleteMarker>
              <Version><Key>a%20b</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest></Version>
              <Version><Key>c</Key><VersionId>null</VersionId><IsLatest>true</IsLatest></Version>
            </ListVersionsResult>
            """;

    @Test
    void versionsAndDeleteMarkersAreIndexedInTheDocumentsOwnInterleavedOrder() {
        VersionDocumentOrder order = new VersionDocumentOrder();

        read(order, 200, DOCUMENT);

        assertThat(order.indexOf(entry("a b", "v3", false))).isZero();
        assertThat(order.indexOf(entry("a b", "m2", true))).isEqualTo(1);
        assertThat(order.indexOf(entry("a b", "v1", false))).isEqualTo(2);
        assertThat(order.indexOf(entry("c", "null", false))).isEqualTo(3);
    }

    @Test
    void theBodyIsHandedOnUnchanged() throws Exception {
        VersionDocumentOrder order = new VersionDocumentOrder();

        assertThat(read(order, 200, DOCUMENT)).isEqualTo(DOCUMENT);
    }

    @Test
    void anEntryNotInTheDocumentSortsLast() {
        VersionDocumentOrder order = new VersionDocumentOrder();
        read(order, 200, DOCUMENT);

        assertThat(order.indexOf(entry("a b", "v2", false))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anErrorResponseIsNotIndexed() {
        VersionDocumentOrder order = new VersionDocumentOrder();

        read(order, 500, DOCUMENT);

        assertThat(order.indexOf(entry("c", "null", false))).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aBrokenDocumentLeavesTheOrderToLastModified() {
        VersionDocumentOrder order = new VersionDocumentOrder();

        read(order, 200, "<ListVersionsResult><Version><Key>c</Key>");

        assertThat(order.indexOf(entry("c", "null", false))).isEqualTo(Integer.MAX_VALUE);
    }

    /** The response as the SDK reads it: through the interceptor, to its end. */
    private static String read(VersionDocumentOrder order, int status, String document) {
        Optional<InputStream> body = order.modifyHttpResponseContent(response(status, document), new ExecutionAttributes());
        try (InputStream in = body.orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRetriedResponseIsIndexedFromItsOwnStart() throws IOException {
        VersionDocumentOrder order = new VersionDocumentOrder();
        try (InputStream cutShort = order.modifyHttpResponseContent(response(200, DOCUMENT), new ExecutionAttributes())
                .orElseThrow()) {
            cutShort.readNBytes(DOCUMENT.indexOf("<Version><Key>c"));
        }

        read(order, 200, DOCUMENT);

        assertThat(order.indexOf(entry("a b", "v3", false))).isZero();
        assertThat(order.indexOf(entry("c", "null", false))).isEqualTo(3);
    }

    @Test
    void anEncodingTypeAfterTheEntriesStillDecodesTheirKeys() {
        VersionDocumentOrder order = new VersionDocumentOrder();

        read(order, 200, "<ListVersionsResult><Version><Key>a%2Bb</Key><VersionId>v1</VersionId></Version>"
                + "<DeleteMarker><Key>a%2Bb</Key><VersionId>m0</VersionId></DeleteMarker>"
                + "<EncodingType>url</EncodingType></ListVersionsResult>");

        assertThat(order.indexOf(entry("a+b", "v1", false))).isZero();
        assertThat(order.indexOf(entry("a+b", "m0", true))).isEqualTo(1);
    }

    @Test
    void keysOfADocumentWithoutUrlEncodingAreReadWithTheirXmlEscapes() {
        VersionDocumentOrder order = new VersionDocumentOrder();

        read(order, 200, "<ListVersionsResult><Version><Key>a&amp;b&lt;%41&#x263A;</Key><VersionId>v&#49;</VersionId>"
                + "</Version></ListVersionsResult>");

        assertThat(order.indexOf(entry("a&b<%41\u263A", "v1", false))).isZero();
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
