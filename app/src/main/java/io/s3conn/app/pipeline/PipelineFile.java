package io.s3conn.app.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.ConfigurationText;
import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.Setting;
import io.s3conn.app.config.SettingSource;
import io.s3conn.app.config.Settings;
import io.s3conn.app.config.YamlSettingsTree;

/**
 * A {@code pipeline.yaml}: settings of the source, of the destination, and any other at the top.
 *
 * <pre>
 * source:      {bucket: a, prefix: logs/, mode: all, pollingPeriod: 1s, content: inline}
 * destination: {bucket: b, prefix: archive/, format: parquet, compression: zstd, bufferSize: 1000, flushInterval: 5s}
 * state: logs-archive
 * </pre>
 *
 * Keys are setting names in any spelling ({@code polling-period}, {@code pollingPeriod}); in the
 * destination section {@code bucket} and {@code prefix} are the destination's. Keys are read as a {@code serve} job's
 * ({@link KeyedSettings#pipelineKeys}): nested or with dots, {@code source.bucket: a} is {@code source: {bucket: a}}. Unknown keys are errors:
 * only s3conn reads this file, so a misspelt key is a mistake, not another tool's setting. So are two keys
 * of one setting with different values, in one section or in two ({@link KeyedSettings#sections}), a key written
 * twice, anchors and aliases ({@link YamlSettingsTree}), and settings that
 * only inventory syncs or serve jobs read ({@link Settings#INVENTORY_ONLY}, {@code type}): a pipeline would ignore them.
 */
public final class PipelineFile implements SettingSource {

    private final KeyedSettings settings;

    private PipelineFile(KeyedSettings settings) {
        this.settings = settings;
    }

    /** No file: everything from elsewhere. */
    public static PipelineFile none() {
        return new PipelineFile(KeyedSettings.none());
    }

    /**
     * Reads a file.
     *
     * @throws ConfigurationException for a missing file, malformed YAML or unknown keys
     */
    public static PipelineFile read(Path path) {
        String where = "pipeline file " + path;
        JsonNode root = YamlSettingsTree.read(ConfigurationText.read(path, "pipeline file"), where);
        if (root.isMissingNode() || root.isNull()) {
            return none();
        }
        if (!root.isObject()) {
            throw new ConfigurationException(where + " must hold a mapping of settings");
        }
        Map<String, String> keys = KeyedSettings.treeKeys(where, root);
        // One file, one value a setting: a setting in two sections (region under source and under destination)
        // with different values is refused as two keys of it in one section are.
        return new PipelineFile(KeyedSettings.pipelineKeys(where, keys)
                // As a serve pipeline job does: pipeline run would ignore them, leaving a page-size or schedule unheeded.
                .refuse(Settings.INVENTORY_ONLY, "applies to inventory syncs only, not to pipelines")
                .refuse(List.of(Settings.TYPE), "applies to serve jobs only, not to a pipeline file"));
    }

    @Override
    public Optional<String> text(Setting<?> setting) {
        return settings.text(setting);
    }

    @Override
    public String origin(Setting<?> setting) {
        return settings.text(setting).isPresent() ? settings.origin(setting) : "the pipeline file";
    }
}
