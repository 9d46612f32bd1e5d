package io.s3conn.app.config;

import io.s3conn.core.s3.S3ConnectionSettings;

/**
 * Everything a command needs to reach a bucket and its database, after flags, the config file,
 * the environment and defaults were merged.
 *
 * @param connection  how to reach S3
 * @param bucket      the bucket
 * @param prefix      the key prefix ({@code ""} for all)
 * @param databaseUrl the JDBC URL
 */
public record ResolvedSettings(S3ConnectionSettings connection, String bucket, String prefix, String databaseUrl) {
}
