package dev.odksim.tag;

import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No query string or path given to the resolver produces a 500. jqwik generates the hostile inputs (fixed seed, so a
 * failure reproduces) and this @QuarkusTest sends each over a raw socket, unencoded except for bytes that would break
 * HTTP framing, to tags of every trust mode and to unknown ids. (jqwik's own runner cannot host a @QuarkusTest; the
 * pure checks behind the resolver are properties in {@link StickerPropertiesTest}.)
 */
@QuarkusTest
class ResolverHostileInputTest {

    private static final long SEED = 20251126L;
    private static final Map<String, String> TAGS = new ConcurrentHashMap<>();

    static Stream<String> hostileQueries() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> urlish = Arbitraries.strings().withChars("mecx=&%;#?/+0123456789ABCDEFabcdef\"'<>\\{}|^`[] \u0000\u00e9\u2028")
                .ofMaxLength(120);
        Arbitrary<String> nearValid = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789ABCDEFx").ofMaxLength(24).map(v -> "m=" + v),
                Arbitraries.strings().withChars("0123456789ABCDEFabcdefg%").ofMaxLength(40).map(v -> "e=" + v + "&c=" + v),
                Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(32).map(v -> "e=" + v + "&c=" + v.substring(0, 16)));
        List<String> generated = generate(Arbitraries.oneOf(anything, urlish, nearValid), SEED, 200);
        Stream<String> picked = Stream.of("%", "%zz", "%00", "m=%", "m=%%%", "e=%G0&c=%", "=&=&==", "&&&&", "m", "m=&m=&m=",
                "a".repeat(5000), "m=" + "0".repeat(5000), "e=" + "A".repeat(32) + "&c=" + "B".repeat(16) + "&e=x",
                "m=FFFFFFFFFFFFFFxFFFFFF", "m=04A1B2C3D4E5F6x-00001", "\uD800", "m=\uD83D\uDE00", "#frag", "m=1#x", "?", "??m=1");
        return Stream.concat(picked, generated.stream());
    }

    static Stream<String> hostilePaths() {
        List<String> generated = generate(Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().withChars("./%\\;:~-_0123456789aZ\u0000").ofMinLength(1).ofMaxLength(40)), SEED + 1, 100);
        return Stream.concat(Stream.of("..", "%2e%2e", "%2F", "a%2Fb", "%00", "%zz", "x".repeat(3000), "demo-front/extra", "%C0%AF",
                "\uFFFF", "%F0%9F%98%80", ";jsessionid=1"), generated.stream());
    }

    /** {@code count} values of {@code arbitrary} from a fixed seed, generated in a jqwik session outside a property. */
    static List<String> generate(Arbitrary<String> arbitrary, long seed, int count) {
        JqwikSession.start();
        try {
            RandomGenerator<String> generator = arbitrary.generator(1000);
            Random random = new Random(seed);
            return Stream.generate(() -> generator.next(random).value()).limit(count).toList();
        } finally {
            JqwikSession.finish();
        }
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void noQueryMakesTheResolverFail(String query) throws IOException {
        int i = Math.floorMod(query.hashCode(), 5);
        String tagId = i == 4 ? "no-such-tag" : tagOfMode(List.of("none", "ntag-mirror", "ntag424-sun", "ntag-mirror").get(i));
        for (String accept : List.of("application/json", "text/html")) {
            Answer answer = rawGet("/t/" + tagId + "?" + framingSafe(query), accept);
            assertThat(answer.status()).as("%s ?%s (%s): %s", tagId, shortened(query), accept, answer.head()).isBetween(200, 499);
            if (answer.status() == 200 || answer.status() == 403) {
                assertThat(answer.head().toLowerCase()).as(shortened(query)).contains(accept.equals("text/html") ? "content-type: text/html" : "content-type: application/");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hostilePaths")
    void noPathMakesTheResolverFail(String segment) throws IOException {
        Answer answer = rawGet("/t/" + framingSafe(segment), "application/json");
        assertThat(answer.status()).as("/t/%s: %s", shortened(segment), answer.head()).isBetween(200, 499);
    }

    private static String tagOfMode(String mode) {
        return TAGS.computeIfAbsent(mode, m -> {
            String project = TAGS.computeIfAbsent("project", p -> StickerTrustTest.newProject());
            Map<String, Object> body = switch (m) {
                case "ntag-mirror" -> Map.of("lockId", Api.newLock(project), "mode", m, "chipUid", "04A1B2C3D4E5F6");
                case "ntag424-sun" -> Map.of("lockId", Api.newLock(project), "mode", m, "chipUid", Ntag424SunTest.UID,
                        "metaReadKey", StickerTrustTest.ZERO_KEY, "fileReadKey", StickerTrustTest.ZERO_KEY);
                default -> Map.of("lockId", Api.newLock(project), "mode", m);
            };
            return StickerTrustTest.tag(project, body);
        });
    }

    /** Percent-encodes only what would break the request line (controls, space, non-ASCII as UTF-8); the rest goes raw. */
    static String framingSafe(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    static String shortened(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "... (" + value.length() + " characters)";
    }

    record Answer(int status, String head) {
    }

    static Answer rawGet(String target, String accept) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            assertThat(text).as("an HTTP answer to GET %s", shortened(target)).startsWith("HTTP/1.");
            int headEnd = text.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(text.substring(9, 12)), headEnd < 0 ? text : text.substring(0, headEnd));
        }
    }
}
