package io.s3conn.app.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.text.Utf8;

/**
 * The command line and the standard streams in UTF-8, whatever the locale.
 *
 * <p>Why: S3 keys are any Unicode, and the JVM decodes arguments ({@code sun.jnu.encoding}) and encodes
 * {@code System.out} / {@code System.err} ({@code stdout.encoding}) with the locale's charset. A process started
 * without a UTF-8 locale (cron, systemd, a container without {@code LANG}: the POSIX locale, ASCII) would read
 * {@code --prefix 'ünï/'} as {@code '??n??/'} and print every non-ASCII key as {@code ?}, in JSON lines too, which
 * RFC 8259 says are UTF-8: a {@code source read | destination write} would store the question marks. Neither
 * property can be set once the JVM runs, so the streams are replaced and the arguments decoded again from their
 * bytes, which Linux keeps in {@code /proc/self/cmdline}. Under a UTF-8 locale nothing changes.
 */
public final class Utf8Console {

    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");

    private Utf8Console() {
    }

    /** Makes {@code System.out} and {@code System.err} write UTF-8 where the locale would have them write another charset. */
    public static void useUtf8Streams() {
        if (!isUtf8(System.getProperty("stdout.encoding"))) {
            System.setOut(utf8(FileDescriptor.out));
        }
        if (!isUtf8(System.getProperty("stderr.encoding"))) {
            System.setErr(utf8(FileDescriptor.err));
        }
    }

    /**
     * {@code given} as its bytes say in UTF-8, where the JVM decoded them with another charset; {@code given} itself
     * under a UTF-8 locale, where the process's command line cannot be read, or for an argument whose bytes are not
     * UTF-8 (then the locale's charset was the right one).
     */
    public static String[] arguments(String[] given) {
        String jnu = System.getProperty("sun.jnu.encoding");
        if (given.length == 0 || isUtf8(jnu) || jnu == null || !Charset.isSupported(jnu)) {
            return given;
        }
        return rawArguments(given.length).map(raw -> redecoded(given, raw, Charset.forName(jnu))).orElse(given);
    }

    private static String[] redecoded(String[] given, List<byte[]> raw, Charset jnu) {
        String[] arguments = given.clone();
        for (int i = 0; i < given.length; i++) {
            byte[] bytes = raw.get(i);
            // Only the same argument: decoded with the JVM's charset, its bytes must give what the JVM gave.
            if (new String(bytes, jnu).equals(given[i])) {
                int index = i;
                Utf8.strict(bytes).ifPresent(text -> arguments[index] = text);
            }
        }
        return arguments;
    }

    /** The last {@code count} arguments of this process's command line (the program's, after the JVM's), as bytes. */
    private static Optional<List<byte[]>> rawArguments(int count) {
        byte[] line;
        try {
            line = Files.readAllBytes(COMMAND_LINE);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        List<byte[]> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 0) {
                all.add(java.util.Arrays.copyOfRange(line, start, i));
                start = i + 1;
            }
        }
        return all.size() < count ? Optional.empty() : Optional.of(all.subList(all.size() - count, all.size()));
    }

    private static boolean isUtf8(String charset) {
        return charset != null && Charset.isSupported(charset) && Charset.forName(charset).equals(StandardCharsets.UTF_8);
    }

    /** As the JVM makes its own standard streams, in UTF-8. */
    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor), 128), true, StandardCharsets.UTF_8);
    }
}
