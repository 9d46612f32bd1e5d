package io.s3conn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.s3conn.testbed.S3Server;

/** Runs the packaged s3conn executable as a user would, in its own process. */
final class Cli {

    /** What a finished run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * The JVM flags of the {@code s3conn} launcher script, from the file it reads them from (which says why), so that
     * tests run the app as users do; with the AOT cache of the build, each run also costs about a third of the CPU
     * time of a default JVM's.
     */
    private static final List<String> LAUNCHER_FLAGS = launcherFlags(
            Path.of(System.getProperty("s3conn.launcher.flags", "../app/src/main/launcher/jvm-flags")));

    /** The app {@link #asUserBoundByFileModes} runs when this JVM is root; made once. */
    private static Path appForNobody;

    private final Map<String, String> environment = new HashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private Path directory = Path.of("").toAbsolutePath();
    /** The system user the process runs as, through {@code runuser}; empty: this JVM's. */
    private Optional<String> user = Optional.empty();
    /** The packaged app run; empty: the build's. */
    private Optional<Path> app = Optional.empty();

    /** A CLI whose environment holds the test bed's credentials, as `export AWS_...` would. */
    static Cli withTestBedCredentials() {
        return withCredentials(Fixtures.testBed());
    }

    /** A CLI whose environment holds {@code server}'s credentials, as `export AWS_...` would. */
    static Cli withCredentials(S3Server server) {
        return new Cli()
                .env("AWS_ACCESS_KEY_ID", server.accessKeyId())
                .env("AWS_SECRET_ACCESS_KEY", server.secretAccessKey())
                .env("AWS_REGION", server.region());
    }

    /** A JVM option for the s3conn process, e.g. {@code -Ds3conn.jobs.x.type=inventory}. */
    Cli jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    Cli env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs in {@code directory}, where s3conn reads {@code config/application.*} (default: this module's). */
    Cli in(Path directory) {
        this.directory = directory;
        return this;
    }

    /**
     * Runs as a user whom file modes bind: this JVM's own, unless it is root, whom they stop from nothing; then as the
     * system user {@code nobody} ({@code runuser}), in the temporary directory, and from a copy of the app that
     * {@code nobody} may read where the build's lies in a directory it may not enter (a checkout under {@code /root}).
     */
    Cli asUserBoundByFileModes() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return this;
        }
        this.user = Optional.of("nobody");
        this.directory = Path.of(System.getProperty("java.io.tmpdir"));
        this.app = Optional.of(appReadableByNobody());
        return this;
    }

    /** The build's app if {@code nobody} may read it, else a copy of it that it may (made once, without the AOT cache). */
    private static synchronized Path appReadableByNobody() {
        if (appForNobody == null) {
            Path built = builtApp();
            try {
                Process probe = new ProcessBuilder("runuser", "-u", "nobody", "--", "test", "-r",
                        built.resolve("quarkus-run.jar").toString()).redirectErrorStream(true).start();
                if (probe.waitFor() == 0) {
                    appForNobody = built;
                } else {
                    Path copy = Files.createTempDirectory("s3conn-app-");
                    try (var files = Files.walk(built)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            Path target = copy.resolve(built.relativize(file).toString());
                            if (Files.isDirectory(file)) {
                                Files.createDirectories(target);
                            } else if (!file.getFileName().toString().equals("app.aot")) { // bound to the build's paths
                                Files.copy(file, target);
                            }
                        }
                    }
                    try (var files = Files.walk(copy)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                                    Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
                        }
                    }
                    appForNobody = copy;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return appForNobody;
    }

    private static Path builtApp() {
        return Path.of(System.getProperty("s3conn.app.dir", "../app/target/quarkus-app")).toAbsolutePath();
    }

    /** Runs to completion (at most two minutes). */
    Result run(String... args) {
        return runWithInput(Path.of("/dev/null"), args);
    }

    /** Runs to completion with {@code stdin} as standard input. */
    Result runWithInput(Path stdin, String... args) {
        Process process = start(stdin, args);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("s3conn did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), read(process, "stdout"), read(process, "stderr"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts without waiting; stdout and stderr go to files readable with {@link #read}. */
    Process start(String... args) {
        return start(Path.of("/dev/null"), args);
    }

    /**
     * Starts without waiting, its stdout a pipe read through {@link Process#getInputStream()} (closing it is what
     * {@code | head -1} does); stderr goes to a file readable with {@link #read}.
     */
    Process startPiped(String... args) {
        return start(Path.of("/dev/null"), true, args);
    }

    /**
     * Starts without waiting, its stdout written to {@code stdout} (a file or device such as {@code /dev/full}, as
     * {@code > FILE} does); stderr goes to a file readable with {@link #read}.
     */
    Process startWritingTo(Path stdout, String... args) {
        return startWritingTo(Path.of("/dev/null"), stdout, args);
    }

    /** As {@link #startWritingTo(Path, String...)}, with {@code stdin} as standard input. */
    Process startWritingTo(Path stdin, Path stdout, String... args) {
        Built built = builder(ProcessBuilder.Redirect.from(stdin.toFile()), false, args);
        built.builder().redirectOutput(stdout.toFile());
        try {
            return built.started(built.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts without waiting, its stdin a pipe written through {@link Process#getOutputStream()} (open until the test
     * closes it, as an upstream command that keeps running); stdout and stderr go to files readable with {@link #read}.
     */
    Process startFed(String... args) {
        return start(ProcessBuilder.Redirect.PIPE, false, args);
    }

    /**
     * Starts {@code first | second} as a shell would, the first's stdout piped into the second's stdin; the two
     * processes in that order. Their stderr, and the second's stdout, go to files readable with {@link #read}.
     */
    List<Process> startPipeline(String[] first, String[] second) {
        Built upstream = builder(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()), true, first);
        Built downstream = builder(ProcessBuilder.Redirect.PIPE, false, second);
        try {
            List<Process> processes = ProcessBuilder.startPipeline(List.of(upstream.builder(), downstream.builder()));
            return List.of(upstream.started(processes.get(0)), downstream.started(processes.get(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process start(Path stdin, String... args) {
        return start(stdin, false, args);
    }

    private Process start(Path stdin, boolean pipedStdout, String... args) {
        return start(ProcessBuilder.Redirect.from(stdin.toFile()), pipedStdout, args);
    }

    private Process start(ProcessBuilder.Redirect stdin, boolean pipedStdout, String... args) {
        Built built = builder(stdin, pipedStdout, args);
        try {
            return built.started(built.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run of the packaged executable to start, and the files its output goes to. */
    private record Built(ProcessBuilder builder, Path out, Path err) {
        /** {@code process}, started from {@link #builder}, with its output files known to {@link #read}. */
        Process started(Process process) {
            OUTPUTS.put(process, new Path[] {out, err});
            return process;
        }
    }

    private Built builder(ProcessBuilder.Redirect stdin, boolean pipedStdout, String... args) {
        Path appDir = app.orElseGet(Cli::builtApp);
        List<String> command = new ArrayList<>();
        user.ifPresent(name -> command.addAll(List.of("runuser", "-u", name, "--")));
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(LAUNCHER_FLAGS);
        Path aotCache = appDir.resolve("app.aot");
        if (Files.exists(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(appDir.resolve("quarkus-run.jar").toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("s3conn-cli-", ".out");
            Path err = Files.createTempFile("s3conn-cli-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(pipedStdout ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(out.toFile()))
                    .redirectError(err.toFile())
                    .redirectInput(stdin)
                    .directory(directory.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("S3CONN_"));
            builder.environment().putAll(environment);
            return new Built(builder, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The flags of {@code file}: its lines, without comments and blank lines, as the launcher reads them. */
    private static List<String> launcherFlags(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<Process, Path[]> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a started process wrote to {@code stdout} or {@code stderr}. */
    static String read(Process process, String stream) {
        try {
            return Files.readString(OUTPUTS.get(process)[stream.equals("stdout") ? 0 : 1], StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
