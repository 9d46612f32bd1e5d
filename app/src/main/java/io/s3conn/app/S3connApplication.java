package io.s3conn.app;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;
import picocli.CommandLine;

/** Runs the picocli command line with CDI-created commands. */
public class S3connApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return new CommandLine(S3connCommand.class, factory).execute(args);
    }
}
