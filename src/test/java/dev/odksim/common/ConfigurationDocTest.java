package dev.odksim.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md lists exactly the keys {@link OdkConfig} declares: no setting undocumented, none made up. */
class ConfigurationDocTest {

    @Test
    void everyKeyIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        Set<String> declared = new TreeSet<>();
        collect("odk", OdkConfig.class, declared);
        String doc = Files.readString(Path.of("docs/configuration.md"));
        Set<String> documented = new TreeSet<>();
        Matcher keys = Pattern.compile("^\\| `(odk\\.[a-z0-9.-]+)`", Pattern.MULTILINE).matcher(doc);
        while (keys.find()) {
            documented.add(keys.group(1));
        }
        assertThat(documented).as("keys in docs/configuration.md").isEqualTo(declared);
    }

    @Test
    void everyDocumentedDefaultIsTheDeclaredOne() throws IOException {
        java.util.Map<String, String> declared = new java.util.TreeMap<>();
        defaults("odk", OdkConfig.class, declared);
        String doc = Files.readString(Path.of("docs/configuration.md"));
        java.util.Map<String, String> documented = new java.util.TreeMap<>();
        Matcher rows = Pattern.compile("^\\| `(odk\\.[a-z0-9.-]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE).matcher(doc);
        while (rows.find()) {
            documented.put(rows.group(1), rows.group(2));
        }
        assertThat(documented).as("defaults in docs/configuration.md (a default in backticks)").isEqualTo(declared);
    }

    private static void defaults(String prefix, Class<?> group, java.util.Map<String, String> out) {
        for (Method method : group.getDeclaredMethods()) {
            String key = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            io.smallrye.config.WithDefault value = method.getAnnotation(io.smallrye.config.WithDefault.class);
            if (value != null) {
                out.put(key, value.value());
            } else if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == OdkConfig.class) {
                defaults(key, method.getReturnType(), out);
            }
        }
    }

    private static void collect(String prefix, Class<?> group, Set<String> out) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String key = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == OdkConfig.class) {
                collect(key, type, out);
            } else {
                out.add(key);
            }
        }
    }
}
