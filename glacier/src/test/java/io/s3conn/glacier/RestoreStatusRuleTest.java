package io.s3conn.glacier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.model.RestoreStatus;

/** The rule where no request is needed (its lookup and probe have no client to send one). */
class RestoreStatusRuleTest {

    private static final Instant EXPIRY = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void onAmazonS3TheListingIsTrustedAndNothingIsProbed() {
        RestoreStatusRule rule = rule(ServerTraits.of(true));

        List<RestoreStatus> statuses = rule.resolve("b", true, List.of(
                RestoreStatusRule.Entry.object("cold", "GLACIER", Optional.empty()),
                RestoreStatusRule.Entry.object("back", "GLACIER", Optional.of(new ListedRestore(false, Optional.of(EXPIRY))))));

        assertThat(statuses).containsExactly(RestoreStatus.ARCHIVED, new RestoreStatus.Restored(Optional.of(EXPIRY)));
        assertThat(rule.headRequestCount() + rule.probeCount()).isZero();
        assertThat(rule.traits().enforcement()).isEqualTo(ArchiveEnforcement.ENFORCED);
    }

    @Test
    void onAServerKnownNotToEnforceArchiveClassesArchivedObjectsAreReadableWithoutLookups() {
        RestoreStatusRule rule = rule(ServerTraits.of(false).withEnforcement(ArchiveEnforcement.NOT_ENFORCED));

        List<RestoreStatus> statuses = rule.resolve("b", false, List.of(
                RestoreStatusRule.Entry.object("cold", "DEEP_ARCHIVE", Optional.empty())));

        assertThat(statuses).containsExactly(RestoreStatus.READABLE);
        assertThat(rule.headRequestCount() + rule.probeCount()).isZero();
    }

    @Test
    void aListingElementProvesTheAttributeOnAnyServer() {
        RestoreStatusRule rule = rule(ServerTraits.of(false).withEnforcement(ArchiveEnforcement.ENFORCED));

        List<RestoreStatus> statuses = rule.resolve("b", true, List.of(
                RestoreStatusRule.Entry.object("cold", "GLACIER", Optional.of(new ListedRestore(true, Optional.empty())))));

        assertThat(statuses).containsExactly(RestoreStatus.RESTORING);
        assertThat(rule.traits().listing()).isEqualTo(ListingRestoreStatus.PROVEN);
    }

    @Test
    void deleteMarkersAreReadable() {
        RestoreStatusRule rule = rule(ServerTraits.of(false));

        List<RestoreStatus> statuses = rule.resolve("b", false, List.of(
                new RestoreStatusRule.Entry("k", Optional.of("dm"), "GLACIER", Optional.empty(), true)));

        assertThat(statuses).containsExactly(RestoreStatus.READABLE);
    }

    @Test
    void storedKnowledgeReadsBackFromItsLabels() {
        assertThat(ArchiveEnforcement.fromLabel(ArchiveEnforcement.NOT_ENFORCED.label())).isEqualTo(ArchiveEnforcement.NOT_ENFORCED);
        assertThat(ArchiveEnforcement.fromLabel(null)).isEqualTo(ArchiveEnforcement.UNKNOWN);
        assertThat(ListingRestoreStatus.fromLabel("rejected")).isEqualTo(ListingRestoreStatus.REJECTED);
    }

    private static RestoreStatusRule rule(ServerTraits traits) {
        return new RestoreStatusRule(RestoreStatusSource.AUTO, traits, true, new HeadRestoreStatusLookup(null, 1),
                new ArchiveEnforcementProbe(null));
    }
}
