package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ListingEchoGuardTest {

    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** The document through the guard, read to its end. */
    private static String strip(String xml) {
        return strip(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String strip(InputStream document) {
        try (InputStream stripped = ListingEchoGuard.strip(document)) {
            return new String(stripped.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void echoedMarkersAndPrefixAreRemovedWhileKeysStay() {
        String xml = "<ListVersionsResult><Name>b</Name><Prefix>%zz</Prefix><KeyMarker>a+b</KeyMarker>"
                + "<NextKeyMarker>100%</NextKeyMarker><EncodingType>url</EncodingType>"
                + "<Version><Key>100%25</Key></Version></ListVersionsResult>";

        assertThat(strip(xml)).isEqualTo("<ListVersionsResult><Name>b</Name><EncodingType>url</EncodingType>"
                + "<Version><Key>100%25</Key></Version></ListVersionsResult>");
    }

    /** Ceph RGW's token is the last key, raw: an ESC in it made the whole page unreadable to the SDK. */
    @Test
    void continuationTokensAreRemovedForTheyMayHoldTheLastKeyUnencoded() {
        String xml = "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>%1B%5B31mred</Key></Contents>"
                + "<ContinuationToken>a</ContinuationToken><NextContinuationToken>&#x1b;[31mred</NextContinuationToken>"
                + "<KeyCount>1</KeyCount></ListBucketResult>";

        assertThat(strip(xml)).isEqualTo("<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>%1B%5B31mred"
                + "</Key></Contents><KeyCount>1</KeyCount></ListBucketResult>");
    }

    @Test
    void emptyAndSelfClosingEchoesAreRemovedToo() {
        String xml = "<ListBucketResult><Prefix></Prefix><StartAfter/><Marker /><KeyCount>0</KeyCount></ListBucketResult>";

        assertThat(strip(xml)).isEqualTo("<ListBucketResult><KeyCount>0</KeyCount></ListBucketResult>");
    }

    @Test
    void aDocumentWithoutEchoesComesThroughByteForByte() {
        String xml = PROLOG + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n  <Name>b</Name>\n"
                + "  <Contents><Key>k</Key><Owner><ID>o</ID></Owner></Contents>\n</ListBucketResult>\n";

        assertThat(strip(xml)).isEqualTo(xml);
    }

    @Test
    void theFolderNamesOfADelimiterListingStayWhileItsEchoesGo() {
        String xml = "<ListBucketResult><Prefix>a%zz/</Prefix><Delimiter>/</Delimiter><EncodingType>url</EncodingType>"
                + "<CommonPrefixes><Prefix>a%25zz/p%2Bq/</Prefix></CommonPrefixes>"
                + "<CommonPrefixes><Prefix>a%25zz/r/</Prefix></CommonPrefixes></ListBucketResult>";

        assertThat(strip(xml)).isEqualTo("<ListBucketResult><EncodingType>url</EncodingType>"
                + "<CommonPrefixes><Prefix>a%25zz/p%2Bq/</Prefix></CommonPrefixes>"
                + "<CommonPrefixes><Prefix>a%25zz/r/</Prefix></CommonPrefixes></ListBucketResult>");
    }

    @Test
    void anElementWhoseNameOnlyBeginsLikeAnEchoStays() {
        String xml = "<ListBucketResult><MarkerX>m</MarkerX><Prefixes>p</Prefixes></ListBucketResult>";

        assertThat(strip(xml)).isEqualTo(xml);
    }

    @Test
    void echoesAfterTheEntriesAreRemovedAsWellAsThoseBeforeThem() {
        String xml = "<ListVersionsResult><KeyMarker>a</KeyMarker><Version><Key>a%2Bb</Key></Version>"
                + "<NextKeyMarker>a+b</NextKeyMarker></ListVersionsResult>";

        assertThat(strip(xml)).isEqualTo("<ListVersionsResult><Version><Key>a%2Bb</Key></Version></ListVersionsResult>");
    }

    @Test
    void aPageArrivingAByteAtATimeIsStrippedTheSameAsAWholeOne() {
        String entries = IntStream.range(0, 1000).mapToObj(i -> "<Contents><Key>k%2B" + i + "</Key><Size>1</Size></Contents>")
                .collect(Collectors.joining("\n"));
        String xml = PROLOG + "<ListBucketResult><Prefix>k+</Prefix><StartAfter>k+1</StartAfter>" + entries
                + "<NextMarker>k+999</NextMarker></ListBucketResult>";
        InputStream trickle = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        assertThat(strip(trickle)).isEqualTo(PROLOG + "<ListBucketResult>" + entries + "</ListBucketResult>");
    }

    @Test
    void aPageReadOneByteAtATimeIsStrippedTheSameAsOneReadWhole() throws IOException {
        String xml = PROLOG + "<ListBucketResult><Prefix>p+</Prefix><Contents><Key>p%2B1</Key></Contents></ListBucketResult>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (InputStream stripped = ListingEchoGuard.strip(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
            for (int b = stripped.read(); b >= 0; b = stripped.read()) {
                bytes.write(b);
            }
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(strip(xml));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("<Prefix>");
    }

    @Test
    void anEntryIsHandedOnBeforeTheRestOfThePageArrived() throws IOException {
        String head = "<ListBucketResult><Prefix>p</Prefix><Contents><Key>a</Key></Contents>";
        InputStream serverStillSending = new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the rest of the page has not arrived");
                    }
                });
        InputStream stripped = ListingEchoGuard.strip(serverStillSending);
        byte[] handedOn = new byte[head.length()];
        int read = 0;

        while (read < "<ListBucketResult><Contents><Key>a</Key></Contents>".length()) {
            read += stripped.read(handedOn, read, handedOn.length - read);
        }

        assertThat(new String(handedOn, 0, read, StandardCharsets.UTF_8))
                .isEqualTo("<ListBucketResult><Contents><Key>a</Key></Contents>");
    }

    @Test
    void aDocumentCutShortIsHandedOnAsItCame() {
        String xml = "<ListBucketResult><Contents><Key>a</Key></Contents><Contents><Key>b";

        assertThat(strip(xml)).isEqualTo(xml);
    }
}
