package io.s3conn.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
    void credentialsNeverShowTheirSecretWhenPrinted() {
        StaticCredentials credentials = new StaticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI", Optional.of("token123"));

        assertThat(credentials.toString()).contains("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI", "token123");
        assertThat(S3ConnectionSettings.defaults().withCredentials(credentials).toString()).doesNotContain("wJalrXUtnFEMI");
    }
}
