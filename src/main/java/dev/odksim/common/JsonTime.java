package dev.odksim.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the wire are RFC 3339 UTC with millisecond precision (docs/design.md §4): {@code 2025-02-01T00:00:00.000Z}. */
@Singleton
public class JsonTime implements ObjectMapperCustomizer {

    public static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** RFC 3339's date-fullyear is exactly four digits; java.time alone would also read expanded years (+999999999-…). */
    private static final java.util.regex.Pattern FOUR_DIGIT_YEAR = java.util.regex.Pattern.compile("\\d{4}-.*");

    public static String format(Instant instant) {
        return instant == null ? null : RFC3339_MILLIS.format(instant);
    }

    /**
     * An RFC 3339 date-time with an offset ({@code 2025-02-01T00:00:00.000Z}, {@code …+01:00}), or empty: anything
     * else, including years java.time would read but a key could never be stored or signed with.
     */
    public static java.util.Optional<Instant> parseRfc3339(String value) {
        if (value == null || !FOUR_DIGIT_YEAR.matcher(value).matches()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.time.OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** Applied last, so this serializer wins over the JavaTimeModule that Quarkus registers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("odk-time");
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(format(value));
            }
        });
        mapper.registerModule(module);
    }
}
