package io.s3conn.app.destination;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class InputLinesTest {

    @Test
    void linesComeInOrderUntilTheInputEnds() throws Exception {
        InputLines input = InputLines.read(new ByteArrayInputStream("a\nb\n\nc".getBytes(StandardCharsets.UTF_8)));

        assertThat(all(input)).containsExactly("a", "b", "", "c");
    }

    @Test
    void afterAStopAnInputThatStaysOpenEndsOnceItPausedForTheQuietTime() throws Exception {
        try (PipedOutputStream upstream = new PipedOutputStream()) {
            InputLines input = InputLines.read(new PipedInputStream(upstream));
            upstream.write("a\nb\n".getBytes(StandardCharsets.UTF_8));
            upstream.flush();

            long stoppedAt = System.nanoTime();
            input.stop();

            assertThat(all(input)).containsExactly("a", "b");
            assertThat(System.nanoTime() - stoppedAt).isGreaterThanOrEqualTo(InputLines.QUIET.toNanos())
                    .isLessThan(InputLines.QUIET.toNanos() * 3);
        }
    }

    /** What an upstream stopped by the same Ctrl-C prints just after the signal is read too. */
    @Test
    void afterAStopLinesThatKeepComingWithinTheQuietTimeAreRead() throws Exception {
        try (PipedOutputStream upstream = new PipedOutputStream()) {
            InputLines input = InputLines.read(new PipedInputStream(upstream));
            input.stop();
            Thread.sleep(InputLines.QUIET.toMillis() / 2);
            upstream.write("late\n".getBytes(StandardCharsets.UTF_8));
            upstream.close();

            assertThat(all(input)).containsExactly("late");
        }
    }

    private static List<String> all(InputLines input) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        Optional<String> line;
        while ((line = input.next()).isPresent()) {
            lines.add(line.get());
        }
        return lines;
    }
}
