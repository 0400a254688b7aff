package dev.odksim.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * No string field of a request body holds a NUL character ({@code \u0000}): PostgreSQL cannot store it in text (an
 * error deep in a query, a 500), and no field means it. Refused while the body is read, as a 400 naming the field
 * ({@link ProblemMapper}). The query and path side is {@link ControlCharacters}. Only typed binding is affected: JSON
 * read as a tree (an integrator's answer) keeps what was sent.
 */
@Singleton
public class NulFreeStrings implements ObjectMapperCustomizer {

    static final String REASON = "must not contain a NUL character (\\u0000)";

    /** A string value with a NUL in it, with the path Jackson adds on the way out (the field's name). */
    public static final class NulInString extends InvalidFormatException {
        NulInString(JsonParser parser, String value) {
            super(parser, "NUL character in a string", value, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("odk-nul-free-strings");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (value != null && value.indexOf('\u0000') >= 0 && parser.currentToken() == JsonToken.VALUE_STRING) {
                    throw new NulInString(parser, value);
                }
                return value;
            }
        });
        mapper.registerModule(module);
    }
}
