package dev.odksim.web;

import dev.odksim.common.Problem;
import dev.odksim.common.ProblemException;
import dev.odksim.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dashboard's QR codes of sticker URLs: an SVG for good input, a 400 naming the parameter for bad, never a 500. */
@QuarkusTest
class QrCodeTest {

    @Test
    void stickerUrlBecomesAnSvg() {
        Response svg = Api.admin().queryParam("data", "http://192.168.1.20:8080/t/demo-front").get("/api/admin/v1/qr.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.asString()).contains("<svg", "<path d=\"M");
    }

    @Test
    void needsTheAdminToken() {
        Api.assertProblem(RestAssured.given().queryParam("data", "x").get("/api/admin/v1/qr.svg"), 401);
    }

    @Test
    void missingOrTooMuchDataIsA400NamingIt() {
        Api.assertProblem(Api.admin().get("/api/admin/v1/qr.svg"), 400);
        Api.assertProblem(Api.admin().queryParam("data", "x".repeat(1025)).get("/api/admin/v1/qr.svg"), 400);
        for (String bad : new String[]{"17", "-1", "wide"}) {
            Response border = Api.admin().queryParam("data", "x").queryParam("border", bad).get("/api/admin/v1/qr.svg");
            Api.assertProblem(border, 400);
            assertThat(border.<String>path("invalidParams[0].name")).as(bad).isEqualTo("border");
        }
    }

    @Test
    void dataOverTheLargestQrCodeIsRefusedNamingIt() {
        // 1000 characters but 3000 UTF-8 bytes (a raw UTF-8 query line can carry them): more than a QR code holds
        assertThatThrownBy(() -> new QrCodeResource().svg("€".repeat(1000), null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().invalidParams()).extracting(Problem.InvalidParam::name).containsExactly("data");
                });
    }
}
