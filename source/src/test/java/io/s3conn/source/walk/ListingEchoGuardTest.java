package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ListingEchoGuardTest {

    @Test
    void echoedMarkersAndPrefixAreRemovedWhileKeysStay() {
        String xml = "<ListVersionsResult><Name>b</Name><Prefix>%zz</Prefix><KeyMarker>a+b</KeyMarker>"
                + "<NextKeyMarker>100%</NextKeyMarker><EncodingType>url</EncodingType>"
                + "<Version><Key>100%25</Key></Version></ListVersionsResult>";

        String stripped = new String(ListingEchoGuard.strip(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(stripped).isEqualTo("<ListVersionsResult><Name>b</Name><EncodingType>url</EncodingType>"
                + "<Version><Key>100%25</Key></Version></ListVersionsResult>");
    }

    @Test
    void emptyAndSelfClosingEchoesAreRemovedToo() {
        String xml = "<ListBucketResult><Prefix></Prefix><StartAfter/><KeyCount>0</KeyCount></ListBucketResult>";

        String stripped = new String(ListingEchoGuard.strip(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(stripped).isEqualTo("<ListBucketResult><KeyCount>0</KeyCount></ListBucketResult>");
    }

    @Test
    void aDocumentWithoutEchoesIsReturnedAsItWas() {
        byte[] xml = "<ListBucketResult><Contents><Key>k</Key></Contents></ListBucketResult>".getBytes(StandardCharsets.UTF_8);

        assertThat(ListingEchoGuard.strip(xml)).isSameAs(xml);
    }

    @Test
    void theFolderNamesOfADelimiterListingStayWhileItsEchoesGo() {
        String xml = "<ListBucketResult><Prefix>a%zz/</Prefix><Delimiter>/</Delimiter><EncodingType>url</EncodingType>"
                + "<CommonPrefixes><Prefix>a%25zz/p%2Bq/</Prefix></CommonPrefixes>"
                + "<CommonPrefixes><Prefix>a%25zz/r/</Prefix></CommonPrefixes></ListBucketResult>";

        String stripped = new String(ListingEchoGuard.strip(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(stripped).isEqualTo("<ListBucketResult><EncodingType>url</EncodingType>"
                + "<CommonPrefixes><Prefix>a%25zz/p%2Bq/</Prefix></CommonPrefixes>"
                + "<CommonPrefixes><Prefix>a%25zz/r/</Prefix></CommonPrefixes></ListBucketResult>");
    }

    @Test
    void anElementWhoseNameOnlyBeginsLikeAnEchoStays() {
        byte[] xml = "<ListBucketResult><MarkerX>m</MarkerX><Prefixes>p</Prefixes></ListBucketResult>"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ListingEchoGuard.strip(xml)).isSameAs(xml);
    }

    @Test
    void echoesAfterTheEntriesAreRemovedAsWellAsThoseBeforeThem() {
        String xml = "<ListVersionsResult><KeyMarker>a</KeyMarker><Version><Key>a%2Bb</Key></Version>"
                + "<NextKeyMarker>a+b</NextKeyMarker></ListVersionsResult>";

        String stripped = new String(ListingEchoGuard.strip(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(stripped).isEqualTo("<ListVersionsResult><Version><Key>a%2Bb</Key></Version></ListVersionsResult>");
    }
}
