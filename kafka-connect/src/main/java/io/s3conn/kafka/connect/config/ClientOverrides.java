package io.s3conn.kafka.connect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import io.s3conn.core.text.Spelling;

/**
 * Refuses a Kafka client setting of a connector's configuration ({@code producer.override.*},
 * {@code consumer.override.*}, {@code admin.override.*}) that its client would refuse or ignore. Connect's override
 * policy decides which keys a connector may override (its default, {@code All}, takes any) and parses only a known
 * key's type, so a value the client's own checks refuse ({@code producer.override.acks=2}) was accepted and failed
 * every task at its start, and a misspelt key ({@code consumer.override.isolaton.level}) reached the client, which
 * ignores an unknown key with a warning in the worker's log: a sink then read uncommitted records without a word.
 * A client setting written as the workers' properties write it ({@code consumer.isolation.level}), or with
 * {@code override} misspelt, Connect ignores without a word too; it is refused, naming the override meant. A key near
 * no client setting stays accepted: interceptors, partitioners and metrics reporters read settings of their own from
 * their client's configuration.
 */
public final class ClientOverrides {

    private static final String OVERRIDE = "override";

    /** A client Connect configures for a connector: the first word of its settings' keys, its name, its definition. */
    private record Client(String word, String noun, ConfigDef definition) {

        String prefix() {
            return word + "." + OVERRIDE + ".";
        }
    }

    private static final List<Client> CLIENTS = List.of(
            new Client("producer", "producer", ProducerConfig.configDef()),
            new Client("consumer", "consumer", ConsumerConfig.configDef()),
            new Client("admin", "admin client", AdminClientConfig.configDef()));

    private ClientOverrides() {
    }

    /**
     * {@code validated} with an error for each client setting of {@code given} that misspells one, is written as
     * the workers' properties write it, or has a value its client refuses.
     */
    public static Config refuse(Config validated, Map<String, String> given) {
        List<ConfigValue> values = new ArrayList<>(validated.configValues());
        boolean refused = false;
        for (String key : new TreeSet<>(given.keySet())) {
            for (Client client : CLIENTS) {
                if (key.startsWith(client.word() + ".") && given.get(key) != null) {
                    Optional<ConfigValue> problem = key.startsWith(client.prefix())
                            ? problem(key, client, given.get(key)) : misplaced(key, client, given.get(key));
                    problem.ifPresent(values::add);
                    refused |= problem.isPresent();
                }
            }
        }
        return refused ? new Config(values) : validated;
    }

    private static Optional<ConfigValue> problem(String key, Client client, String value) {
        String name = key.substring(client.prefix().length());
        ConfigDef.ConfigKey setting = client.definition().configKeys().get(name);
        if (setting == null) {
            return Spelling.nearest(name, client.definition().names()).map(meant -> refused(key, shown(value, client, meant), key
                    + " is no setting of the " + client.noun() + ", which would ignore it: did you mean " + client.prefix() + meant + "?"));
        }
        try {
            // Named with its prefix, the exception's message names the key as the configuration writes it.
            Object parsed = ConfigDef.parseType(key, value, setting.type);
            if (setting.validator != null) {
                setting.validator.ensureValid(key, parsed);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(refused(key, shown(value, client, name), setting.type == ConfigDef.Type.PASSWORD
                    ? "Invalid value [hidden] for configuration " + key : e.getMessage()));
        }
    }

    /**
     * A key of {@code client}'s first word that is no override: Connect reads {@code consumer.*} from the workers'
     * properties only, and {@code consumer.overide.*} nowhere.
     */
    private static Optional<ConfigValue> misplaced(String key, Client client, String value) {
        String rest = key.substring(client.word().length() + 1);
        int dot = rest.indexOf('.');
        boolean workers = client.definition().names().contains(rest);
        String name = !workers && dot > 0 && Spelling.nearest(rest.substring(0, dot), List.of(OVERRIDE)).isPresent()
                ? rest.substring(dot + 1) : rest;
        Optional<String> meant = client.definition().names().contains(name) ? Optional.of(name)
                : Spelling.nearest(name, client.definition().names());
        return meant.map(setting -> refused(key, shown(value, client, setting), key + " is no setting of this connector, which "
                + "Connect would ignore" + (workers ? " (" + client.word() + ".* is the workers' own, in their properties)" : "")
                + ": did you mean " + client.prefix() + setting + "?"));
    }

    /** {@code value} as the answer may show it: hidden, as Connect shows a password, when {@code setting} is a secret. */
    private static Object shown(String value, Client client, String setting) {
        return client.definition().configKeys().get(setting).type == ConfigDef.Type.PASSWORD ? new Password(value) : value;
    }

    private static ConfigValue refused(String key, Object shown, String reason) {
        return new ConfigValue(key, shown, List.of(), new ArrayList<>(List.of(reason)));
    }
}
