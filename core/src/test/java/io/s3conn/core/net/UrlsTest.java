package io.s3conn.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void aUrlWithUserInfoIsShownWithoutIt() {
        assertThat(Urls.withoutUserInfo("http://user:secret@127.0.0.1:1/")).isEqualTo("http://127.0.0.1:1/");
    }

    @Test
    void aUrlWithoutUserInfoIsShownAsItIs() {
        assertThat(Urls.withoutUserInfo("https://sqs.us-east-1.amazonaws.com/123456789012/events"))
                .isEqualTo("https://sqs.us-east-1.amazonaws.com/123456789012/events");
    }

    @Test
    void aSecretHoldingSlashesAndAtSignsIsRemovedWhole() {
        assertThat(Urls.withoutUserInfo("http://AKID:wJal/rX@Ut@minio:9000")).isEqualTo("http://minio:9000");
    }

    @Test
    void userInfoWithoutASchemeIsRemovedToo() {
        assertThat(Urls.withoutUserInfo("user:secret@127.0.0.1:1")).isEqualTo("127.0.0.1:1");
    }

    @Test
    void anUpperCaseSchemeIsAnHttpUrlWrittenInLowerCase() {
        assertThat(Urls.http(URI.create("HTTP://127.0.0.1:9000/"))).contains(URI.create("http://127.0.0.1:9000/"));
    }

    @Test
    void aMixedCaseHttpsSchemeIsAnHttpsUrl() {
        assertThat(Urls.http(URI.create("Https://minio.example"))).contains(URI.create("https://minio.example"));
    }

    @Test
    void anotherSchemeIsNoHttpUrl() {
        assertThat(Urls.http(URI.create("FTP://127.0.0.1:1/"))).isEmpty();
    }

    /** Before, accepted: the SDK refused it at the first request, an "unexpected failure" (an SQS queue URL's too). */
    @Test
    void aPortAbove65535IsNoHttpUrl() {
        assertThat(Urls.http(URI.create("http://127.0.0.1:99999/"))).isEmpty();
    }

    @Test
    void portZeroIsNoHttpUrl() {
        assertThat(Urls.http(URI.create("http://127.0.0.1:0"))).isEmpty();
    }

    @Test
    void aUrlWithoutAHostIsNoHttpUrl() {
        assertThat(Urls.http(URI.create("http:/path"))).isEmpty();
    }

    @Test
    void aRefusedUrlIsShownWithoutItsQueryOrFragment() {
        assertThat(Urls.shown("http://user:pass@127.0.0.1:9000/?token=secret#x")).isEqualTo("http://127.0.0.1:9000/?…");
        assertThat(Urls.shown("http://127.0.0.1:9000/#token")).isEqualTo("http://127.0.0.1:9000/?…");
        assertThat(Urls.shown("http://127.0.0.1:9000/")).isEqualTo("http://127.0.0.1:9000/");
    }

    @Test
    void aUrlWithAQueryIsNoEndpointUrl() {
        assertThat(Urls.http(URI.create("http://127.0.0.1:9000/?token=secret"))).isEmpty();
    }

    @Test
    void aUrlWithAFragmentIsNoEndpointUrl() {
        assertThat(Urls.http(URI.create("http://127.0.0.1:9000/#part"))).isEmpty();
    }
}
