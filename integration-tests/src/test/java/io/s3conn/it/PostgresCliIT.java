package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.postgres.PostgresServer;

/** The packaged executable on a real PostgreSQL server, as its users set one up and mistype its URL. */
class PostgresCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final PostgresServer postgres = Fixtures.postgres();
    private final Cli cli = Cli.withTestBedCredentials();

    @Test
    void aRoleThatOnlyReadsAndWritesRowsSyncsIntoADatabaseMigratedBefore() {
        assumeTrue(postgres.isManaged(), "creating a role needs our own server's superuser");
        String url = postgres.freshDatabase();
        Database.open(url).close();
        String database = Fixtures.postgresDatabase(url);
        String role = database + "_rw";
        postgres.psql(database, "CREATE ROLE \"" + role + "\" LOGIN PASSWORD 'rw-secret'");
        // PostgreSQL 15 and later grant PUBLIC no CREATE on schema public; older ones do unless told not to.
        postgres.psql(database, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        postgres.psql(database, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"" + role + "\"");
        String bucket = Fixtures.newBucket("pg-rw-role");
        bed.put(bucket, "a", "a", null);
        String asRole = url.replaceFirst("user=[^&]*", "user=" + role).replaceFirst("password=[^&]*", "password=rw-secret");

        Cli.Result result = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", asRole);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(new InventoryRun(url).liveKeys(bucket)).containsExactly("a");
    }

    @Test
    void anErrorPostgresqlExplainsOnSeveralLinesIsOneLine() {
        String nowhere = postgres.freshDatabase() + "&currentSchema=nowhere";

        Cli.Result result = cli.run("inventory", "state", "--database", nowhere);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.stderr().lines()).as(result.toString()).singleElement(STRING)
                .endsWith(": ERROR: no schema has been selected to create in");
    }

    @Test
    void aUrlThatDoesNotNameHostThenDatabaseIsRefusedWithoutPrintingItsPassword() {
        String server = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port();
        for (String url : List.of(server + "?user=" + postgres.user() + "&password=" + postgres.password(),
                server.replace("//", "//" + postgres.user() + ":" + postgres.password() + "@") + "/" + postgres.database())) {
            Cli.Result result = cli.run("inventory", "state", "--verbose", "--database", url);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.stderr()).as(url).startsWith("s3conn: --database: a PostgreSQL database URL is jdbc:postgresql://HOST[:PORT]/DATABASE")
                    .doesNotContain(postgres.password());
            assertThat(result.stdout()).doesNotContain(postgres.password());
        }
    }
}
