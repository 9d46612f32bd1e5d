package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SchemaTest {

    private static SchemaMigrations module(String name, int... versions) {
        return new SchemaMigrations() {
            @Override
            public String module() {
                return name;
            }

            @Override
            public List<Migration> migrations() {
                return java.util.Arrays.stream(versions)
                        .mapToObj(v -> new Migration(v, name + " " + v, dialect -> List.of()))
                        .toList();
            }
        };
    }

    @Test
    void theStepsOfAllModulesAreOrderedByVersion() {
        List<Migration> steps = Schema.load(List.of(module("a", 1, 6), module("b", 2, 4), module("c", 3)));

        assertThat(steps).extracting(Migration::version).containsExactly(1, 2, 3, 4, 6);
    }

    @Test
    void twoModulesClaimingOneVersionAreRefused() {
        assertThatThrownBy(() -> Schema.load(List.of(module("source", 3), module("inventory", 3))))
                .hasMessageContaining("schema version 3 is claimed by both source and inventory");
    }

    @Test
    void coreOwnsTheCheckpointAndLeaseTables() {
        assertThat(Schema.migrations()).extracting(Migration::description).contains("checkpoints", "run leases");
    }
}
