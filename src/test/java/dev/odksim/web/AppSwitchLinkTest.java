package dev.odksim.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server decides about an app-switch link before the page takes over. */
@QuarkusTest
class AppSwitchLinkTest {

    private static Response get(String rawQuery) {
        return RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get("/use-key?" + rawQuery);
    }

    @Test
    void goodLinkOpensThePhonePageWithTheInstruction() {
        Response page = get("id=k1&userid=%2B4712345678&redirect=myapp%3A%2F%2Fok&redirectOnError=myapp%3A%2F%2Ferr");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("\"action\":\"use-key\"").contains("\"userId\":\"+4712345678\"")
                .contains("/app/app-switch.js");
        assertThat(page.header("Cache-Control")).as("never kept in the back/forward cache").isEqualTo("no-store");
    }

    @Test
    void plusSentUnencodedGoesBackToRedirectOnErrorSayingSo() {
        Response answer = get("id=k1&userid=+4712345678&redirect=myapp%3A%2F%2Fok&redirectOnError=myapp%3A%2F%2Ferr");
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.header("Location")).startsWith("myapp://err?error=USERID_PLUS_AS_SPACE&message=")
                .contains("as%20%252B"); // the message says: encode + as %2B
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void javascriptOrDataRedirectIsNeverFollowed() {
        Response js = get("id=k1&userid=%2B4712345678&redirect=javascript%3Aalert(1)&redirectOnError=myapp%3A%2F%2Ferr");
        assertThat(js.statusCode()).isEqualTo(400);
        assertThat(js.header("Location")).isNull();
        assertThat(js.asString()).contains("INVALID_LINK").doesNotContain("\"redirect\":\"javascript");
        Response data = get("id=k1&userid=%2B4712345678&redirect=myapp%3A%2F%2Fok&redirectOnError=data%3Atext%2Fhtml%2Cx");
        assertThat(data.statusCode()).isEqualTo(400);
        Response prefetch = RestAssured.given().urlEncodingEnabled(false).redirects().follow(false)
                .get("/prefetch-keys?returnUrl=javascript%3Aalert(1)");
        assertThat(prefetch.statusCode()).isEqualTo(400);
    }
}
