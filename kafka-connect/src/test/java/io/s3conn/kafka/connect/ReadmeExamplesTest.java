package io.s3conn.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

import io.s3conn.core.json.Json;
import io.s3conn.kafka.connect.config.SinkConfig;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

/**
 * The connector configurations README's "Create the connectors" shows, as a worker validates them. Each is given an
 * endpoint that does not answer, as the only change: a connector's validation sends its listing request only once every
 * other check passed, so a refusal naming that endpoint alone says the example is accepted as written.
 */
class ReadmeExamplesTest {

    private static final Pattern CURL_BODY = Pattern.compile("-d '(\\{.*?})'", Pattern.DOTALL);
    private static final String NOT_ANSWERING = "http://127.0.0.1:9";

    @Test
    void theSourceExampleOfTheReadmeIsAcceptedUpToItsListingRequest() throws IOException {
        assertOnlyTheEndpointIsRefused(new S3SourceConnector(), example(S3SourceConnector.class));
    }

    @Test
    void theSinkExampleOfTheReadmeIsAcceptedUpToItsListingRequest() throws IOException {
        assertOnlyTheEndpointIsRefused(new S3SinkConnector(), example(S3SinkConnector.class));
    }

    /** A setting added to a connector without a word in README's "Settings" is one a reader cannot know of. */
    @Test
    void everySettingOfTheSourceIsNamedInTheReadmesSettings() throws IOException {
        assertNamedInTheReadmesSettings(SourceConfig.DEFINITION);
    }

    @Test
    void everySettingOfTheSinkIsNamedInTheReadmesSettings() throws IOException {
        assertNamedInTheReadmesSettings(SinkConfig.DEFINITION);
    }

    private static void assertNamedInTheReadmesSettings(ConfigDef definition) throws IOException {
        String settings = section("### Settings", "### Records");
        // In backquotes alone or with a value: `restore-archived=true`.
        assertThat(definition.names()).allSatisfy(name -> assertThat(settings).containsPattern("`" + Pattern.quote(name) + "[`=]"));
    }

    private static void assertOnlyTheEndpointIsRefused(Connector connector, Map<String, String> example) {
        Map<String, String> config = new HashMap<>(example);
        config.put("endpoint-url", NOT_ANSWERING);
        config.put("access-key-id", "id");
        config.put("secret-access-key", "key");

        Config validated = connector.validate(config);

        List<String> errors = new ArrayList<>();
        for (ConfigValue value : validated.configValues()) {
            value.errorMessages().forEach(error -> errors.add(value.name() + ": " + error));
        }
        assertThat(errors).singleElement().asString().startsWith("endpoint-url: cannot reach " + NOT_ANSWERING);
    }

    /** README's configuration of the connector {@code type}, as its {@code curl … -d '{…}'} sends it. */
    private static Map<String, String> example(Class<?> type) throws IOException {
        Matcher body = CURL_BODY.matcher(section("### Create the connectors", "### Settings"));
        while (body.find()) {
            Map<String, String> config = Json.mapper().readValue(body.group(1), new TypeReference<Map<String, String>>() { });
            if (type.getName().equals(config.get("connector.class"))) {
                return config;
            }
        }
        throw new AssertionError("README's \"Create the connectors\" shows no configuration of " + type.getName());
    }

    /** README's text from the heading {@code from} up to {@code to}. */
    private static String section(String from, String to) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        return readme.substring(readme.indexOf(from), readme.indexOf(to, readme.indexOf(from)));
    }
}
