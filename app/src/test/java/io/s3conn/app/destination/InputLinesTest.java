package io.s3conn.app.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InputLinesTest {

    @Test
    void linesComeInOrderUntilTheInputEnds() throws Exception {
        InputLines input = InputLines.read(new ByteArrayInputStream("a\nb\n\nc".getBytes(StandardCharsets.UTF_8)));

        assertThat(all(input)).containsExactly("a", "b", "", "c");
    }

    /** Before, the bytes that are not UTF-8 came as U+FFFD, and the line was stored altered without a word. */
    @Test
    void aLineThatIsNotUtf8FailsAfterTheLinesBeforeIt() throws Exception {
        byte[] notUtf8 = {'{', '"', (byte) 0xff, '"', '}'};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a\nb\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(notUtf8);
        bytes.writeBytes("\nc\n".getBytes(StandardCharsets.UTF_8));
        InputLines input = InputLines.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(input.next()).contains("a");
        assertThat(input.next()).contains("b");
        assertThatThrownBy(input::next).isInstanceOf(InputLines.NotUtf8Exception.class);
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

    /** Lines of 10 MiB payloads must not pile up in memory while the writer uploads. */
    @Test
    void linesNotTakenYetHoldAtMostTheReadAheadWhateverTheirSize() throws Exception {
        String line = "x".repeat(1 << 20) + "\n";
        AtomicLong consumed = new AtomicLong();
        InputStream tenLines = new FilterInputStream(new ByteArrayInputStream(line.repeat(10).getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed.addAndGet(Math.max(n, 0));
                return n;
            }
        };

        InputLines input = InputLines.read(tenLines);
        Thread.sleep(500);

        assertThat(consumed.get()).isLessThan(6L << 20);
        assertThat(all(input)).hasSize(10);
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
