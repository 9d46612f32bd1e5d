package io.s3conn.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class S3ConnectionSettingsTest {

    @Test
    void withoutEndpointItIsAmazonS3() {
        assertThat(S3ConnectionSettings.defaults().isAmazonS3()).isTrue();
    }

    @Test
    void regionalAmazonEndpointsAreAmazonS3() {
        assertThat(S3ConnectionSettings.defaults().withEndpoint(URI.create("https://s3.eu-west-1.amazonaws.com")).isAmazonS3()).isTrue();
    }

    @Test
    void otherEndpointsAreNot() {
        assertThat(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://127.0.0.1:9000")).isAmazonS3()).isFalse();
    }

    @Test
    void amazonS3IsAddressedVirtualHostedByDefault() {
        assertThat(S3ConnectionSettings.defaults().pathStyle()).isFalse();
    }

    @Test
    void anEndpointIsAddressedPathStyleAsTheCliAndTheConnectorsDoByDefault() {
        assertThat(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://minio:9000")).pathStyle()).isTrue();
    }

    @Test
    void pathStyleSwitchedOffAfterTheEndpointStaysOff() {
        assertThat(S3ConnectionSettings.defaults().withEndpoint(URI.create("http://minio:9000")).withPathStyle(false)
                .pathStyle()).isFalse();
    }

    @Test
    void credentialsNeverShowTheirSecretWhenPrinted() {
        StaticCredentials credentials = new StaticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI", Optional.of("token123"));

        assertThat(credentials.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI", "token123");
        assertThat(S3ConnectionSettings.defaults().withCredentials(credentials).toString()).doesNotContain("wJalrXUtnFEMI");
    }

    /** Before, a program had to call the seven-argument constructor to name a profile. */
    @Test
    void aProfileIsSetBesideTheOtherSettingsWithoutChangingThem() {
        S3ConnectionSettings endpoint = S3ConnectionSettings.defaults().withEndpoint(URI.create("http://minio:9000"));

        assertThat(endpoint.withProfile("backup")).isEqualTo(new S3ConnectionSettings(Optional.empty(),
                Optional.of(URI.create("http://minio:9000")), true, Optional.empty(), Optional.of("backup"),
                S3ConnectionSettings.DEFAULT_MAX_ATTEMPTS, S3ConnectionSettings.DEFAULT_ATTEMPT_TIMEOUT));
    }

    @Test
    void amazonAndCustomRegionNamesAreRegionNames() {
        assertThat(List.of("us-east-1", "eu-central-2", "auto", "garage", "us-east-1-local", "US", "zone_group.a"))
                .allMatch(S3ConnectionSettings::isRegionName);
    }

    @Test
    void emptyTextAndTextWithSpacesControlCharactersOrSlashesAreNoRegionNames() {
        assertThat(List.of("", "us east", "us-east-1\n", "\tus-east-1", "us-east-1\u001b[2J", "us/east", "\u00e9t\u00e9"))
                .noneMatch(S3ConnectionSettings::isRegionName);
    }

    @Test
    void settingsWithARegionThatIsNoRegionNameCannotBeMade() {
        assertThatThrownBy(() -> S3ConnectionSettings.defaults().withRegion("us east"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a region name");
    }
}
