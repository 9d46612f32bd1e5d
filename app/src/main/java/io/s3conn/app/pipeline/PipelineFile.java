package io.s3conn.app.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import io.s3conn.app.config.ConfigurationException;

/**
 * A {@code pipeline.yaml}: the source, the destination and the state name.
 *
 * <pre>
 * source:      {bucket: a, prefix: logs/, mode: all, pollingPeriod: 1s, content: inline}
 * destination: {bucket: b, prefix: archive/, format: parquet, compression: zstd, bufferSize: 1000, flushInterval: 5s}
 * state: logs-archive
 * </pre>
 *
 * @param source      what to read
 * @param destination where to write
 * @param state       the name the pipeline's position is kept under
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PipelineFile(Source source, Destination destination, Optional<String> state) {

    /** The source part. */
    public record Source(Optional<String> bucket, Optional<String> prefix, Optional<String> mode,
                         Optional<String> pollingPeriod, Optional<String> content, Optional<Long> maxPayloadBytes) {
    }

    /** The destination part. */
    public record Destination(Optional<String> bucket, Optional<String> prefix, Optional<String> format,
                              Optional<String> compression, Optional<Integer> bufferSize, Optional<Long> maxBatchBytes,
                              Optional<String> flushInterval, Optional<String> keyTemplate, Optional<String> storageClass) {
    }

    /** No file: everything from flags. */
    public static PipelineFile none() {
        return new PipelineFile(new Source(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), new Destination(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty());
    }

    /**
     * Reads a file.
     *
     * @throws ConfigurationException for a missing file, malformed YAML or unknown keys
     */
    public static PipelineFile read(Path path) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new Jdk8Module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            PipelineFile file = yaml.readValue(Files.readString(path), PipelineFile.class);
            PipelineFile empty = none();
            return new PipelineFile(file.source() == null ? empty.source() : file.source(),
                    file.destination() == null ? empty.destination() : file.destination(),
                    file.state() == null ? Optional.empty() : file.state());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("pipeline file " + path + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("pipeline file " + path + " is not valid: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read pipeline file " + path + ": " + e.getMessage(), e);
        }
    }
}
