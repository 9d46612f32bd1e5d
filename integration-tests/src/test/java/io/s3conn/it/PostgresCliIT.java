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
    void aRoleThatMaySelectOnlyShowsAndStatesADatabaseASyncWrote() {
        assumeTrue(postgres.isManaged(), "creating a role needs our own server's superuser");
        String url = postgres.freshDatabase();
        String bucket = Fixtures.newBucket("pg-ro-role");
        bed.put(bucket, "a", "a", null);
        assertThat(cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", url).exitCode()).isZero();
        String database = Fixtures.postgresDatabase(url);
        String role = database + "_ro";
        postgres.psql(database, "CREATE ROLE \"" + role + "\" LOGIN PASSWORD 'ro-secret'");
        postgres.psql(database, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        postgres.psql(database, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO \"" + role + "\"");
        String asRole = url.replaceFirst("user=[^&]*", "user=" + role).replaceFirst("password=[^&]*", "password=ro-secret");

        Cli.Result show = cli.run("inventory", "show", "--bucket", bucket, "--database", asRole);
        Cli.Result state = cli.run("inventory", "state", "--bucket", bucket, "--database", asRole);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.stdout().lines().skip(1)).singleElement(STRING).startsWith("a ");
        assertThat(state.exitCode()).as(state.toString()).isZero();
        assertThat(state.stdout()).contains("\"inventory:" + bucket + ":\"");
        assertThat(show.stderr() + state.stderr()).isEmpty();
    }

    @Test
    void showAndStateOfADatabaseWithoutS3connTablesExitFiveInOneLineAndCreateNone() {
        String url = postgres.freshDatabase();

        for (String command : List.of("show", "state")) {
            Cli.Result result = cli.run("inventory", command, "--bucket", "any", "--database", url);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
            assertThat(result.stderr().lines()).as(command).containsExactly("s3conn: database "
                    + url.replaceFirst("password=[^&]*", "password=****") + " holds no s3conn tables: a command that"
                    + " writes (s3conn inventory sync) creates them; one that only reads never does");
        }
        assertThat(postgres.psql(Fixtures.postgresDatabase(url),
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").strip()).isEqualTo("0");
    }

    @Test
    void anErrorPostgresqlExplainsOnSeveralLinesIsOneLine() {
        String nowhere = postgres.freshDatabase() + "&currentSchema=nowhere";
        String bucket = Fixtures.newBucket("pg-nowhere");

        // A sync, which creates the tables: inventory state only reads, and says there are none.
        Cli.Result result = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", nowhere);

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
            assertThat(result.stderr()).as(url).startsWith("s3conn: --database must be jdbc:postgresql://HOST[:PORT]/DATABASE for PostgreSQL")
                    .doesNotContain(postgres.password());
            assertThat(result.stdout()).doesNotContain(postgres.password());
        }
    }

    @Test
    void aUrlItsDriverCannotParseIsAUsageErrorInOneLineWithoutItsPassword() {
        String database = "/" + postgres.database() + "?user=" + postgres.user() + "&password=" + postgres.password();
        for (String url : List.of("jdbc:postgresql://" + postgres.host() + ":port" + database,
                "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + database + "%zz")) {
            Cli.Result result = cli.run("inventory", "sync", "--bucket", Fixtures.newBucket("pg-url"),
                    "--endpoint-url", bed.endpoint().toString(), "--database", url);

            // The driver took neither for a URL of its own: "no JDBC driver on the class path accepts this URL",
            // exit 5, after a WARNING line or two of its log.
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.stderr().lines()).as(result.toString()).singleElement(STRING)
                    .startsWith("s3conn: --database must ").doesNotContain(postgres.password());
        }
    }
}
