package io.s3conn.kafka.connect.config;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.AbstractConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.s3conn.core.net.Urls;
import io.s3conn.core.text.TerminalText;

/**
 * A connector configuration's values in the worker's log, as Kafka logs every configuration it parses
 * ({@code SourceConfig values: ...}, same logger, same lines), with {@code endpoint-url} shown without its user info.
 * Kafka hides only password-typed values, and an endpoint URL may carry credentials
 * ({@code http://user:secret@host}): logged as it is, they would reach every worker's log each time a connector
 * is validated, started or given tasks.
 */
final class LoggedValues {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractConfig.class);

    private LoggedValues() {
    }

    /** Logs the values of {@code config}, which was parsed without logging them. */
    static void log(AbstractConfig config) {
        StringBuilder text = new StringBuilder(config.getClass().getSimpleName()).append(" values: ").append(System.lineSeparator());
        for (Map.Entry<String, ?> entry : new TreeMap<>(config.values()).entrySet()) {
            Object value = entry.getKey().equals(ConnectionConfig.ENDPOINT_URL) && entry.getValue() instanceof String url
                    ? Urls.withoutUserInfo(url) : entry.getValue();
            // One line a value, whatever it holds: a prefix may hold a newline, which would forge a line of its own.
            text.append('\t').append(entry.getKey()).append(" = ").append(TerminalText.escaped(String.valueOf(value)))
                    .append(System.lineSeparator());
        }
        LOG.info(text.toString());
    }
}
