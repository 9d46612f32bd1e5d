package io.s3conn.core.jdbc;

import java.util.regex.Pattern;

/** Helpers for JDBC URLs that may carry a password. */
public final class JdbcUrls {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

    private JdbcUrls() {
    }

    /** The URL with any password replaced by {@code ****}, fit for logs and error messages. */
    public static String redact(String jdbcUrl) {
        String noParameter = PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1****");
        return USER_INFO.matcher(noParameter).replaceAll("$1****@");
    }
}
