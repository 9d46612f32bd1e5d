package io.s3conn.app.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.core.jdbc.DatabaseException;
import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.RegionNameException;
import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.state.LeaseHeldException;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.WriterFailedException;
import io.s3conn.destination.s3.UploadRefusedException;
import io.s3conn.glacier.RestoresDeniedException;
import io.s3conn.glacier.RestoresNotImplementedException;
import io.s3conn.source.VersioningRefusedException;
import io.s3conn.source.change.sqs.QueueUnavailableException;
import io.s3conn.source.state.StateScopeException;
import io.s3conn.source.walk.DirectoryBucketException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An error as the user sees it: one line and an exit code. Messages are built from error codes and
 * our own words, never from request contents, and name the endpoint without user info, so no secret can leak into them.
 *
 * @param exitCode what the process exits with
 * @param message  the one line printed on stderr
 */
public record Failure(ExitCode exitCode, String message) {

    /** Classifies anything a command threw. */
    public static Failure of(Throwable error, String bucket, Optional<String> endpoint) {
        String where = endpoint.map(e -> " at " + Urls.withoutUserInfo(e)).orElse("");
        // A throttled or refused request names its bucket when the command knows it: a pipeline reads one and writes another.
        String toBucket = bucket == null ? "" : " to bucket " + bucket;
        bucket = bucket == null ? "(unknown)" : bucket;
        return switch (error) {
            case BucketRequestException e -> of(e.getCause(), e.bucket(), endpoint);
            // A batch that failed on the flush timer's thread, reported at the next write: as if it had failed there.
            case WriterFailedException e -> of(e.getCause(), bucket, endpoint);
            case ConfigurationException e -> new Failure(ExitCode.USAGE, e.getMessage());
            // PostgreSQL's messages go on with "  Detail: ...", "  Position: 28" lines.
            case DatabaseException e -> new Failure(ExitCode.DATABASE, firstLine(e.getMessage()));
            case InputException e -> new Failure(ExitCode.INPUT, e.getMessage());
            case LeaseHeldException e -> new Failure(ExitCode.BUSY, e.getMessage());
            case StateScopeException e -> new Failure(ExitCode.USAGE, e.getMessage());
            case RegionNameException e -> new Failure(ExitCode.USAGE, e.getMessage());
            // Not a database error: the database is sound, and pointed at the wrong one for this server.
            case DirectoryBucketException e -> new Failure(ExitCode.USAGE, e.getMessage());
            case RestoresNotImplementedException e -> new Failure(ExitCode.RESTORES_NOT_IMPLEMENTED, e.getMessage());
            case RestoresDeniedException e -> new Failure(ExitCode.BUCKET_OR_ACCESS, e.getMessage());
            case QueueUnavailableException e -> new Failure(switch (e.reason()) {
                case UNREACHABLE -> ExitCode.UNREACHABLE;
                // Its server answered: the URL names something else than a queue, which only another URL mends.
                case NOT_SQS -> ExitCode.USAGE;
                case MISSING, REFUSED -> ExitCode.BUCKET_OR_ACCESS;
            }, e.getMessage() + causeOf(e));
            case UploadRefusedException e -> refusedUpload(e, where);
            case VersioningRefusedException e -> new Failure(ExitCode.BUCKET_OR_ACCESS, "access refused to bucket "
                    + e.bucket() + where + ": GetBucketVersioning was refused (" + e.refusal() + ") though the bucket lists:"
                    + " a source needs s3:GetBucketVersioning, to tell a versioned bucket from another");
            case S3Exception e when e.statusCode() == 404 && endpoint.flatMap(Failure::pathOf).isPresent() ->
                    underEndpointPath(bucket, endpoint.get());
            case NoSuchBucketException e -> new Failure(ExitCode.BUCKET_OR_ACCESS, "bucket " + bucket + " does not exist" + where);
            case S3Exception e -> s3(e, bucket, toBucket, where);
            // Another service's answer (SQS, say) that its own client did not turn into one of ours above.
            case AwsServiceException e -> service(e);
            case SdkClientException e -> client(e, where);
            case IllegalStateException e when e.getMessage() != null && e.getMessage().contains("checkpoint") ->
                    new Failure(ExitCode.DATABASE, e.getMessage());
            default -> new Failure(ExitCode.FAILURE, "unexpected failure: " + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + firstLine(error.getMessage())));
        };
    }

    /** The path of an endpoint URL, when it has one beyond {@code /}. */
    private static Optional<String> pathOf(String endpoint) {
        try {
            String path = java.net.URI.create(endpoint).getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? Optional.empty() : Optional.of(path);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A 404 from an endpoint URL with a path: requests go under that path, so a bucket pasted into the URL
     * ({@code http://host:9000/photos}) made S3Proxy read {@code /photos/BUCKET} as a key of bucket photos, and the line said
     * only "S3 request failed: NoSuchKey (HTTP 404)", exit 1.
     */
    private static Failure underEndpointPath(String bucket, String endpoint) {
        String url = Urls.withoutUserInfo(endpoint);
        return new Failure(ExitCode.USAGE, "bucket " + bucket + " was not found under the path of the endpoint URL " + url
                + ", which requests go under: if that path names a bucket, give the S3 server's URL without it, and the bucket with --bucket");
    }

    private static Failure s3(S3Exception e, String bucket, String toBucket, String where) {
        String code = RequestFailure.code(e).orElse(null);
        int status = e.statusCode();
        if ("NoSuchBucket".equals(code) || (status == 404 && code == null)) {
            return new Failure(ExitCode.BUCKET_OR_ACCESS, "bucket " + bucket + " does not exist" + where);
        }
        if ("PermanentRedirect".equals(code) || status == 301) {
            return new Failure(ExitCode.BUCKET_OR_ACCESS, "bucket " + bucket + " is in another region: set --region");
        }
        if (status == 501) {
            return new Failure(ExitCode.FAILURE, "the S3 server" + where + " does not implement a request this "
                    + "command needs: " + RequestFailure.answer(e));
        }
        String line = RequestFailure.describe(e, toBucket.isEmpty() ? null : bucket, where);
        return RequestFailure.refusesAccess(e) ? new Failure(ExitCode.BUCKET_OR_ACCESS, line) : failedRequest(line, e);
    }

    /**
     * A 400 to an upload: the server's code alone would not say which request or why. With object settings sent, they
     * are the likeliest cause; without, the key is, and the server's own words may say more.
     */
    private static Failure refusedUpload(UploadRefusedException e, String where) {
        return new Failure(ExitCode.FAILURE, e.settings()
                .map(settings -> "bucket " + e.bucket() + where + " refused an upload sent with " + settings + ": "
                        + e.refusal() + "; check that the server takes these settings (--storage-class, --sse, --acl): "
                        + "Ceph RGW, for one, refuses storage classes it was not configured with")
                .orElseGet(() -> "bucket " + e.bucket() + where + " refused the upload of " + TerminalText.escaped(e.key())
                        + ": " + e.refusal() + e.serverWords().map(words -> ": " + TerminalText.escaped(words)).orElse("")));
    }

    private static Failure service(AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String service = details == null || details.serviceName() == null ? "AWS" : details.serviceName().toUpperCase(Locale.ROOT);
        return failedRequest(service + " request failed: " + RequestFailure.answer(e), e);
    }

    private static Failure failedRequest(String message, AwsServiceException e) {
        // The SDK retries only throttling and server errors: saying "after retries" of a 400 would mislead.
        boolean retried = RequestFailure.ofAnswer(e).mayPass();
        return new Failure(retried ? ExitCode.SERVER_UNAVAILABLE : ExitCode.FAILURE, message + (retried ? " after retries" : ""));
    }

    private static Failure client(SdkClientException e, String where) {
        String line = RequestFailure.describe(e, where);
        if (RequestFailure.isPlainHttpAnswerToTls(e)) {
            return new Failure(ExitCode.USAGE, line);
        }
        return switch (RequestFailure.ofClient(e)) {
            case UNREACHABLE, TIMED_OUT, BROKEN -> new Failure(ExitCode.UNREACHABLE, line);
            case PERMANENT, THROTTLED, SERVER_ERROR -> e.getMessage() != null && e.getMessage().contains("credentials")
                    ? new Failure(ExitCode.BUCKET_OR_ACCESS, noCredentials(firstLine(e.getMessage())))
                    : new Failure(ExitCode.FAILURE, line);
        };
    }

    /**
     * The SDK's words when the profile named by {@code --profile} gives no credentials. The default chain's message names
     * its profile too ("Unable to load credentials from any of the providers in the chain ... profile 'default'"), so
     * only a message that starts so is the named profile's.
     */
    private static final Pattern PROFILE_WITHOUT_CREDENTIALS = Pattern.compile("^Profile file contained no credentials for profile '([^']*)'");

    /**
     * No credentials: for a profile that was named (--profile), that profile, which the generic advice would send the
     * user to set again.
     */
    private static String noCredentials(String message) {
        Matcher profile = PROFILE_WITHOUT_CREDENTIALS.matcher(message);
        return profile.lookingAt()
                // The profile in the Kafka connectors' words (Reachability); where settings go in those of a missing
                // setting ("no bucket given"): the line is the same for a command, a pipeline file and a serve job, which
                // has neither flags nor a --config file.
                ? "no AWS credentials in profile " + profile.group(1) + " of ~/.aws/config or ~/.aws/credentials: name a "
                        + "profile that has them (--profile, or \"profile\" in a file or job), or set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY"
                : "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (--profile, or "
                        + "\"profile\" in a file or job), or \"access-key-id\" and \"secret-access-key\" in a file or job";
    }

    /** ": " and the root cause's class and first line, for a failure whose own words name no cause. */
    private static String causeOf(QueueUnavailableException e) {
        if (e.reason() != QueueUnavailableException.Reason.UNREACHABLE) {
            return "";
        }
        return ": " + RequestFailure.described(RequestFailure.rootCause(e));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
