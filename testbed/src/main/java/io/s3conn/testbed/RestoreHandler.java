package io.s3conn.testbed;

import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Answers RestoreObject ({@code POST /bucket/key?restore}) the way Amazon S3 does, since S3Proxy
 * answers it with NotImplemented: 202 for a new restore, 409 while one runs, 200 for a restored copy.
 */
final class RestoreHandler {

    private final ArchiveRegistry registry;
    private volatile boolean expeditedUnavailable;
    private volatile boolean notImplemented;

    RestoreHandler(ArchiveRegistry registry) {
        this.registry = registry;
    }

    void expeditedUnavailable(boolean unavailable) {
        this.expeditedUnavailable = unavailable;
    }

    boolean expeditedUnavailable() {
        return expeditedUnavailable;
    }

    void notImplemented(boolean on) {
        this.notImplemented = on;
    }

    Reply handle(S3Request request) {
        if (notImplemented) {
            // A server that enforces archive classes but has no RestoreObject; the empty message is RGW's.
            registry.recordRestoreRequest(new RestoreRequestRecord(request.bucket(), request.key(), null, "", registry.now(), 501));
            return Reply.s3Error(501, "NotImplemented", "", request.resource());
        }
        Integer days = null;
        String tier = "Standard";
        Reply reply;
        try {
            Document body = S3Xml.parse(request.body());
            Element root = body.getDocumentElement();
            if (!"RestoreRequest".equals(root.getLocalName())) {
                throw new IllegalArgumentException("root element must be RestoreRequest");
            }
            String daysText = S3Xml.childText(root, "Days");
            days = daysText == null ? null : Integer.valueOf(daysText.trim());
            Element jobParameters = S3Xml.children(root, "GlacierJobParameters").stream().findFirst().orElse(null);
            String tierText = jobParameters == null ? null : S3Xml.childText(jobParameters, "Tier");
            if (tierText != null) {
                tier = tierText.trim();
            }
            reply = decide(request, days, tier);
        } catch (IllegalArgumentException e) {
            reply = Reply.s3Error(400, "MalformedXML",
                    "The XML you provided was not well-formed or did not validate against our published schema",
                    request.resource());
        }
        registry.recordRestoreRequest(new RestoreRequestRecord(request.bucket(), request.key(), days, tier,
                registry.now(), reply.status()));
        return reply;
    }

    private Reply decide(S3Request request, Integer days, String tier) {
        Optional<ArchiveRegistry.ObjectView> found = registry.find(request.bucket(), request.key());
        if (found.isEmpty()) {
            return Reply.s3Error(404, "NoSuchKey", "The specified key does not exist.", request.resource(),
                    "Key", request.key());
        }
        ArchiveRegistry.ObjectView object = found.get();
        // An IT object whose restore is running still carries its archive status, so it counts as archived.
        if (!object.archived()) {
            return Reply.s3Error(403, "InvalidObjectState",
                    "Restore is not allowed for the object's current storage class", request.resource(),
                    "StorageClass", object.storageClass());
        }
        if (object.intelligentTiering() && days != null) {
            return Reply.s3Error(400, "InvalidArgument",
                    "Days must not be specified when restoring an object from an Intelligent-Tiering archive tier",
                    request.resource(), "ArgumentName", "Days");
        }
        if (!object.intelligentTiering() && days == null) {
            return Reply.s3Error(400, "InvalidArgument",
                    "Days must be specified when restoring an object from " + object.storageClass(),
                    request.resource(), "ArgumentName", "Days");
        }
        if (days != null && days < 1) {
            return Reply.s3Error(400, "InvalidArgument", "Days must be at least 1", request.resource(),
                    "ArgumentName", "Days", "ArgumentValue", days.toString());
        }
        if (expeditedUnavailable && "Expedited".equalsIgnoreCase(tier)) {
            return Reply.s3Error(503, "GlacierExpeditedRetrievalNotAvailable",
                    "Glacier expedited retrievals are currently not available, please try again later",
                    request.resource());
        }
        return switch (registry.requestRestore(request.bucket(), request.key(), days)) {
            case STARTED -> Reply.empty(202);
            case ALREADY_IN_PROGRESS -> Reply.s3Error(409, "RestoreAlreadyInProgress",
                    "Object restore is already in progress", request.resource());
            case EXTENDED -> Reply.empty(200);
        };
    }
}
