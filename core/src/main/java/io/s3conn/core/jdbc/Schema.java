package io.s3conn.core.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The tables s3conn keeps: the {@link SchemaMigrations} of every module on the classpath, as one list
 * ordered by version.
 *
 * <p>Versions are one sequence shared by all modules, because databases in the field recorded the
 * steps 1 to 6 under those numbers before the tables were split by module. A new step takes the next
 * number no module uses; two modules claiming one number is a build error caught here.
 */
public final class Schema {

    private static volatile List<Migration> all;

    private Schema() {
    }

    /** Every migration of every module on the classpath, oldest first. */
    public static List<Migration> migrations() {
        List<Migration> cached = all;
        if (cached == null) {
            cached = load(ServiceLoader.load(SchemaMigrations.class, Schema.class.getClassLoader()));
            all = cached;
        }
        return cached;
    }

    static List<Migration> load(Iterable<SchemaMigrations> modules) {
        List<Migration> result = new ArrayList<>();
        Map<Integer, String> owners = new HashMap<>();
        for (SchemaMigrations module : modules) {
            for (Migration migration : module.migrations()) {
                String previous = owners.putIfAbsent(migration.version(), module.module());
                if (previous != null) {
                    throw new IllegalStateException("schema version " + migration.version() + " is claimed by both "
                            + previous + " and " + module.module());
                }
                result.add(migration);
            }
        }
        result.sort(Comparator.comparingInt(Migration::version));
        return List.copyOf(result);
    }
}
