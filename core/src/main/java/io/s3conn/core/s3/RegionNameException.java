package io.s3conn.core.s3;

/**
 * The region the AWS default region chain gave (the {@code aws.region} system property, {@code AWS_REGION}, the
 * profile's {@code region}) is no region name: a usage error, as the same value given as the {@code region} setting is.
 */
public final class RegionNameException extends IllegalArgumentException {

    public RegionNameException(String region) {
        super("the AWS default region (aws.region, AWS_REGION or the profile's region) "
                + S3ConnectionSettings.REGION_NAME_RULE + ", was: " + region + " (--region overrides it)");
    }
}
