package io.s3conn.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.S3connConfig;

class ServeOptionsTest {

    /** Before, 1ms was positive, so accepted: a failing pipeline job was started again without pause. */
    @Test
    void aPipelineRestartBelowOneSecondIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ServeOptions.of(serve("1ms"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("s3conn.serve.pipeline-restart must be at least 1s (each restart reaches S3 and the database"
                        + " again), was: 1ms");
    }

    @Test
    void aPipelineRestartOfOneSecondIsAccepted() {
        assertThat(ServeOptions.of(serve("1s")).pipelineRestart()).isEqualTo(Duration.ofSeconds(1));
    }

    private static S3connConfig.Serve serve(String pipelineRestart) {
        return new S3connConfig.Serve() {
            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public Optional<String> shutdownTimeout() {
                return Optional.empty();
            }

            @Override
            public Optional<String> pipelineRestart() {
                return Optional.of(pipelineRestart);
            }
        };
    }
}
