package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.SyncCounters;

class ProgressPrinterTest {

    private static final InventoryScope SCOPE = new InventoryScope("b", "");
    private static final SyncCounters TWO_LISTED = new SyncCounters(1, 2, 2, 0, 0, 0);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndErasedAtTheEnd() {
        ProgressPrinter printer = new ProgressPrinter(out, true);

        printer.pageCommitted(SCOPE, TWO_LISTED);
        printer.finish();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\rs3://b/: listed 2 objects").endsWith("\r\033[K");
    }

    @Test
    void elsewhereEachLineStandsAloneWithoutControlCharacters() {
        ProgressPrinter printer = new ProgressPrinter(out, false);

        printer.pageCommitted(SCOPE, TWO_LISTED);
        printer.finish();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("s3://b/: listed 2 objects").endsWith(System.lineSeparator()).doesNotContain("\r", "\033");
    }

    @Test
    void oneListedObjectReadsInTheSingular() {
        ProgressPrinter printer = new ProgressPrinter(out, false);

        printer.pageCommitted(SCOPE, new SyncCounters(1, 1, 1, 0, 0, 0));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("s3://b/: listed 1 object (");
    }
}
