package io.s3conn.core.jdbc;

import java.util.Optional;
import java.util.regex.Pattern;

/** Helpers for JDBC URLs: hiding a password, the file of a SQLite URL. */
public final class JdbcUrls {

    // Up to the next '&' only: PostgreSQL's and SQLite's drivers split parameters there and nowhere else, so a ';' is
    // part of the password (password=ab;cd showed ";cd").
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&]*");
    private static final String SQLITE = "jdbc:sqlite:";
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private JdbcUrls() {
    }

    /** The URL with any password replaced by {@code ****}, fit for logs and error messages. */
    public static String redact(String jdbcUrl) {
        String noParameter = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1****");
        return USER_INFO.matcher(noParameter).replaceAll("$1****@");
    }

    /**
     * What a {@code jdbc:sqlite:} URL names before its parameters ({@code jdbc:sqlite:a.db?x=y} names {@code a.db},
     * {@code jdbc:sqlite:} names {@code ""}); empty for any other URL.
     */
    public static Optional<String> sqliteFile(String jdbcUrl) {
        if (!jdbcUrl.startsWith(SQLITE)) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(SQLITE.length());
        int parameters = file.indexOf('?');
        return Optional.of(parameters < 0 ? file : file.substring(0, parameters));
    }
}
