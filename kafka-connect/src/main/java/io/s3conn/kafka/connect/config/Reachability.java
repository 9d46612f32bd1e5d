package io.s3conn.kafka.connect.config;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.source.walk.DirectoryBucketException;
import io.s3conn.source.walk.ScopeProbe;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Whether a bucket answers, asked once with a short timeout when a connector's configuration is validated, so
 * that an unreachable endpoint or a missing bucket is refused with one line instead of a task failing later.
 */
public final class Reachability {

    /**
     * Attempts of the listing, each within {@link #ATTEMPT_TIMEOUT}: a request throttled once (SlowDown, 503) does not
     * refuse the connector, and the SDK's backoff between them keeps the check well within Connect's 90 s REST timeout.
     */
    static final int ATTEMPTS = 3;
    /** How long one attempt may take: a server that takes the connection and never answers is refused in 30 s. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The setting an S3 error code is about, where it is not the endpoint: Connect's validation answer files each error
     * under a setting, and the tools that show it (Connect UIs) put it beside that setting's field, where a
     * {@code NoSuchBucket} shown beside the endpoint sends the reader to the wrong one.
     */
    private static final Map<String, String> SETTING_OF_CODE = Map.of(
            "NoSuchBucket", ConnectionConfig.BUCKET,
            "AccessDenied", ConnectionConfig.BUCKET,
            "AllAccessDisabled", ConnectionConfig.BUCKET,
            "InvalidBucketName", ConnectionConfig.BUCKET,
            "InvalidAccessKeyId", ConnectionConfig.ACCESS_KEY_ID,
            "SignatureDoesNotMatch", ConnectionConfig.SECRET_ACCESS_KEY,
            "InvalidToken", ConnectionConfig.SESSION_TOKEN,
            "ExpiredToken", ConnectionConfig.SESSION_TOKEN,
            "AuthorizationHeaderMalformed", ConnectionConfig.REGION,
            "PermanentRedirect", ConnectionConfig.REGION);

    private Reachability() {
    }

    /** Why the probe failed, in one line, and the setting to report it under. */
    record Refusal(String setting, String reason) {
    }

    /**
     * Adds to {@code validated} (a definition's checks) the outcome of one listing request of the bucket a sink writes
     * into, under {@code prefix} (where it writes: credentials that may list only there pass), as an error of the
     * setting it is about ({@code bucket} for {@code NoSuchBucket}, {@code secret-access-key} for
     * {@code SignatureDoesNotMatch}, {@code profile}, ..., else {@code endpoint-url}); asks nothing when the
     * definition's checks failed already.
     */
    public static Config check(Config validated, Supplier<S3ConnectionSettings> settings, Supplier<String> bucket,
                               Supplier<String> prefix) {
        if (passed(validated)) {
            refusal(settings.get(), bucket.get(), s3 -> ScopeProbe.checkWritable(s3, bucket.get(), prefix.get()))
                    .ifPresent(refusal -> setting(validated, refusal.setting()).addErrorMessage(refusal.reason()));
        }
        return validated;
    }

    /**
     * As {@link #check}, for the scope a source reads, as {@code s3conn source read} probes it ({@link ScopeProbe#check}):
     * a directory bucket is refused before any request, as an error of {@code bucket} (else the connector would be
     * created, and its planning of key ranges fail where only the worker's log shows it), and the listing asks for the
     * prefix, which credentials limited to it may list.
     */
    public static Config checkReadable(Config validated, Supplier<S3ConnectionSettings> settings, Supplier<String> bucket,
                                       Supplier<String> prefix) {
        if (passed(validated)) {
            try {
                DirectoryBucketException.refuseDirectoryBucket(bucket.get());
                refusal(settings.get(), bucket.get(), s3 -> ScopeProbe.check(s3, bucket.get(), prefix.get()))
                        .ifPresent(refusal -> setting(validated, refusal.setting()).addErrorMessage(refusal.reason()));
            } catch (DirectoryBucketException e) {
                setting(validated, ConnectionConfig.BUCKET).addErrorMessage(e.getMessage());
            }
        }
        return validated;
    }

    private static boolean passed(Config validated) {
        return validated.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
    }

    private static ConfigValue setting(Config validated, String name) {
        return validated.configValues().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Empty when {@code probe}, one listing request of {@code bucket} (at most {@value #ATTEMPTS} attempts), succeeds;
     * else why it failed.
     */
    static Optional<Refusal> refusal(S3ConnectionSettings settings, String bucket, Consumer<S3Client> probe) {
        S3ConnectionSettings bounded = new S3ConnectionSettings(settings.region(), settings.endpoint(), settings.pathStyle(),
                settings.credentials(), settings.profile(), ATTEMPTS, ATTEMPT_TIMEOUT);
        try (S3Client s3 = S3Clients.create(bounded)) {
            probe.accept(s3);
            return Optional.empty();
        } catch (S3Exception e) {
            Optional<String> code = RequestFailure.code(e);
            String setting = code.map(c -> SETTING_OF_CODE.getOrDefault(c, ConnectionConfig.ENDPOINT_URL))
                    .orElse(ConnectionConfig.ENDPOINT_URL);
            String answer = code.orElse("HTTP " + e.statusCode());
            if (RequestFailure.of(e).mayPass()) {
                // A throttled or failing server is no wrong setting: the reason says so rather than read like one.
                answer = RequestFailure.answer(e) + " after " + ATTEMPTS
                        + " attempts, which may pass: validate or create the connector again in a moment";
            }
            return Optional.of(new Refusal(setting, "bucket " + bucket + " cannot be listed: " + answer));
        } catch (SdkException | IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
                // The SDK's own text names every provider it tried: a paragraph, not a reason.
                return Optional.of(new Refusal(ConnectionConfig.ACCESS_KEY_ID, "no AWS credentials found: set "
                        + ConnectionConfig.ACCESS_KEY_ID + " and " + ConnectionConfig.SECRET_ACCESS_KEY + " (a config provider "
                        + "keeps them out of the connector's configuration), or " + ConnectionConfig.PROFILE
                        + ", or give the workers credentials of their own"));
            }
            if (settings.profile().isPresent() && String.valueOf(e.getMessage()).startsWith("Profile file contained no credentials")) {
                // Not a matter of reaching the endpoint: the worker's ~/.aws files lack the profile, or it has no keys.
                return Optional.of(new Refusal(ConnectionConfig.PROFILE, "no AWS credentials in profile " + settings.profile().get()
                        + " of the worker's ~/.aws files: set " + ConnectionConfig.PROFILE + " to a profile that has them, or set "
                        + ConnectionConfig.ACCESS_KEY_ID + " and " + ConnectionConfig.SECRET_ACCESS_KEY));
            }
            String where = settings.endpoint().map(url -> Urls.withoutUserInfo(url.toString())).orElse("Amazon S3");
            return Optional.of(new Refusal(ConnectionConfig.ENDPOINT_URL, "cannot reach " + where + " for bucket " + bucket + ": "
                    + oneLine(e)));
        }
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException && root.getMessage() != null) {
            return "unknown host " + root.getMessage(); // the resolver's message is the host name alone
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
