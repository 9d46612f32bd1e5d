package io.s3conn.core.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration s3conn writes state and summaries with: {@code Optional} and
 * {@code java.time} supported, instants as ISO-8601 text, empty optionals left out.
 */
public final class Json {

    /**
     * Strings of any length a {@code String} can hold. Jackson's default stops at 20,000,000 characters, which a record
     * line reaches with an object of 15 MB in base64: {@code source read --max-payload-bytes 20000000} printed lines
     * that {@code destination write} (and the Kafka sink's envelope reader) could not read back. The other limits
     * (number length, nesting) stay: they guard against inputs that cost far more to parse than their size.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_ABSENT);

    /** Numbers as written: decimals as {@code BigDecimal}, never rounded to a double, trailing zeros kept. */
    private static final ObjectReader EXACT = MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    /** A key an object holds twice is a parse error, not the last value winning. */
    private static final ObjectReader UNIQUE_KEYS = MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** How Jackson's duplicate detection starts its message: {@code Duplicate field 'region'}. */
    private static final String DUPLICATE_FIELD = "Duplicate field '";

    /** The message of a parse error in what follows a document's one value: {@link JsonErrors} words it. */
    static final String TEXT_AFTER_THE_VALUE = "Text after the JSON value";

    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private Json() {
    }

    /**
     * Loads Jackson on a background thread. Building the first mapper costs a fresh JVM about 0.2 s
     * of class loading; started while something else waits (a database connection opening), that
     * time is hidden instead of delaying the first checkpoint read. Idempotent.
     */
    public static void warmUpInBackground() {
        if (WARMING.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("s3conn-json-warm-up").start(() -> {
                try {
                    MAPPER.readTree("{\"warm\":[1,\"up\"]}");
                } catch (JsonProcessingException impossible) {
                    // A constant document; nothing to report.
                }
            });
        }
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact JSON of a value. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one JSON value of {@code text}. Jackson stops after the first value, so text after it would be dropped
     * without a word: another value is an {@link ExtraJsonValueException}, other characters a parse error, both
     * with the location they start at.
     *
     * @return the value; empty for text that holds none (empty or blank)
     */
    public static Optional<JsonNode> readOne(String text) throws JsonProcessingException {
        return readOne(MAPPER.reader(), text);
    }

    /**
     * As {@link #readOne(String)}, with numbers kept as written: a decimal is a {@code BigDecimal}, not a double
     * that would round {@code 0.1000000000000000000001} to {@code 0.1} and turn {@code 1e400} into infinity. For data
     * that is passed on, such as the structured payloads of records.
     */
    public static Optional<JsonNode> readOneExact(String text) throws JsonProcessingException {
        return readOne(EXACT, text);
    }

    /**
     * As {@link #readOne(String)}, refusing an object that holds a key twice: for configuration, where the second
     * value would otherwise replace the first without a word.
     *
     * @throws DuplicateJsonKeyException naming the key, at its second occurrence
     */
    public static Optional<JsonNode> readOneWithUniqueKeys(String text) throws JsonProcessingException {
        try {
            return readOne(UNIQUE_KEYS, text);
        } catch (JsonParseException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith(DUPLICATE_FIELD) && message.endsWith("'")) {
                throw new DuplicateJsonKeyException(message.substring(DUPLICATE_FIELD.length(), message.length() - 1),
                        e.getLocation());
            }
            throw e;
        }
    }

    private static Optional<JsonNode> readOne(ObjectReader reader, String text) throws JsonProcessingException {
        try (JsonParser parser = reader.createParser(text)) {
            // Jackson's null at the end of the input: no value at all.
            Optional<JsonNode> root = Optional.ofNullable(reader.readTree(parser));
            JsonToken next;
            try {
                next = parser.nextToken();
            } catch (JsonParseException e) {
                // Not the start of a value either ("Unrecognized token", its text quoted): what follows the value is wrong.
                throw new JsonParseException(parser, TEXT_AFTER_THE_VALUE, e.getLocation());
            }
            if (next != null) {
                throw new ExtraJsonValueException(parser.currentTokenLocation());
            }
            return root;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // A String is read without I/O: nothing but a parse error can happen.
            throw new UncheckedIOException(e);
        }
    }

    /** Reads JSON into a type; Jackson's exception says where the text is malformed. */
    public static <T> T read(String json, Class<T> type) throws JsonProcessingException {
        return MAPPER.readValue(json, type);
    }
}
