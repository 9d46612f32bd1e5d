package io.s3conn.app.serve;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ServeUnreachableTest}'s tests against the packaged application (the JVM jar, or the native executable). */
@QuarkusIntegrationTest
class ServeUnreachableIT extends ServeUnreachableTest {
}
