package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;

/** {@code s3conn destination write}, fed by {@code s3conn source read}, as a user pipes them. */
class DestinationCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final Cli cli = Cli.withTestBedCredentials();

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void recordsFromTheSourceAreStoredAndEachBatchIsAcknowledgedOnStdout(S3Server server) throws IOException {
        Cli cli = Cli.withCredentials(server);
        String bucket = Fixtures.newBucket(server, "dst-cli");
        server.putMany(bucket, List.of("a", "b+c", "d%zz"), 3);
        Path records = Files.createTempFile("records", ".jsonl");
        Files.writeString(records, cli.run("source", "read", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--mode", "snapshot").stdout());

        Cli.Result result = cli.runWithInput(records, "destination", "write", "--bucket", bucket, "--prefix", "copy/",
                "--format", "json", "--buffer-size", "2", "--endpoint-url", server.endpoint().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(this::records)).containsExactly(2, 1);
        assertThat(server.client().listObjectsV2(b -> b.bucket(bucket).prefix("copy/")).keyCount()).isEqualTo(2);
    }

    @Test
    void aMalformedLineIsReportedWithItsNumberAfterTheLinesBeforeItAreStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-bad");
        Path input = Files.createTempFile("records", ".jsonl");
        Files.writeString(input, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}

                {"position":"cDI=","operation":"create","metadata":{},"key":"Yg==","payload":{"before":null,"after":"Yg=="}}
                {"position":"cDM=","operation":"upsert","key":"Yw=="}
                """);

        Cli.Result result = cli.runWithInput(input, "destination", "write", "--bucket", bucket, "--format", "json",
                "--endpoint-url", bed.endpoint().toString());

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.stderr()).contains("line 4").contains("upsert").hasLineCount(1);
        assertThat(result.stdout().lines().map(this::records)).containsExactly(2);
    }

    private int records(String acknowledgement) {
        try {
            return new ObjectMapper().readTree(acknowledgement).get("records").asInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
