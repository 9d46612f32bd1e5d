package io.s3conn.testbed.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void startsARealServerAndStopsItOnClose() throws IOException {
        Path binDir = PostgresServer.findBinDir().orElse(null);
        // Without Debian's package the fixture must say what to install rather than fail obscurely.
        if (binDir == null && System.getenv(PostgresServer.URL_ENV) == null) {
            assertThatThrownBy(PostgresServer::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("postgresql")
                    .hasMessageContaining(PostgresServer.URL_ENV);
            return;
        }

        String host;
        int port;
        try (PostgresServer pg = PostgresServer.start()) {
            host = pg.host();
            port = pg.port();
            assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://").contains("/" + pg.database() + "?")
                    .contains("user=" + pg.user()).contains("password=" + pg.password());

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 2_000);
            }
            assertThat(pg.psql(pg.database(), "select 1")).isEqualTo("1");
            // The test user must get in over TCP with its password, which is how JDBC will connect.
            assertThat(psqlOverTcp(binDir, pg, pg.database(), "select current_user")).isEqualTo(pg.user());

            String fresh = pg.freshDatabase();
            String freshName = fresh.substring(fresh.lastIndexOf('/') + 1, fresh.indexOf('?'));
            assertThat(freshName).isNotEqualTo(pg.database());
            assertThat(psqlOverTcp(binDir, pg, freshName,
                    "create table t(x int); insert into t values (42); select x from t")).isEqualTo("42");
            assertThat(pg.psql(pg.database(), "select count(*) from pg_tables where tablename = 't'"))
                    .as("a fresh database is isolated from the default one").isEqualTo("0");

            if (!pg.isManaged()) {
                return;
            }
            if (Double.parseDouble(binDir.getParent().getFileName().toString()) >= 15) {
                assertThat(pg.psql(freshName, "select string_agg(x, '' order by x) from (values ('b'), ('B'), ('a')) t(x)"))
                        .as("databases sort text by a locale, as real servers do, not by bytes").isEqualTo("abB");
            }
        }
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(host, port), 1_000))
                    .as("the server is gone after close()").isInstanceOf(IOException.class);
        }
    }

    private static String psqlOverTcp(Path binDir, PostgresServer pg, String database, String sql)
            throws IOException {
        Path psql = binDir == null ? Path.of("psql") : binDir.resolve("psql");
        ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.user(), "-d", database, "-c", sql)
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGPASSWORD", pg.password()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        try {
            assertThat(process.waitFor()).as(output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
