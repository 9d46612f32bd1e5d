package io.s3conn.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point. Every command but {@code serve} is a one-shot CLI run: those never open the HTTP
 * port, so that several can run side by side and none is slowed or blocked by a port in use.
 */
@QuarkusMain
public final class S3connMain {

    private S3connMain() {
    }

    public static void main(String... args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        if (!serve && System.getProperty("quarkus.http.host-enabled") == null) {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(S3connApplication.class, args);
    }
}
