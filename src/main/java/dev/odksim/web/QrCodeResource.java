package dev.odksim.web;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** QR codes of sticker URLs for the dashboard (docs/design.md §9), drawn server-side as SVG with qrcodegen. */
@AdminOnly
@Path("/api/admin/v1/qr.svg")
@Tag(name = "simulator")
@SecurityRequirement(name = "adminBearer")
public class QrCodeResource {

    public static final String SVG = "image/svg+xml";
    private static final int MAX_DATA = 1024;

    @GET
    @Produces(SVG)
    @Operation(operationId = "getQrCode", summary = "A QR code of a text (e.g. a sticker URL) as SVG")
    public String svg(@QueryParam("data") String data, @QueryParam("border") String borderParam) {
        int border = border(borderParam);
        if (data == null || data.isEmpty()) {
            throw ProblemException.badRequest("data", "is required: the text to encode, e.g. a sticker URL");
        }
        if (data.length() > MAX_DATA) {
            throw ProblemException.badRequest("data", "must be at most " + MAX_DATA + " characters");
        }
        try {
            return toSvg(QrCode.encodeText(data, QrCode.Ecc.MEDIUM), border);
        } catch (DataTooLongException e) {
            // 1024 characters of multi-byte UTF-8 can exceed the largest QR code (2331 bytes at this level)
            throw ProblemException.badRequest("data", "is too long for a QR code (at most 2331 bytes of UTF-8)");
        }
    }

    /** Taken as a String: a JAX-RS int parameter that does not parse is answered 404, not a 400 naming it. */
    private static int border(String value) {
        if (value == null || value.isBlank()) {
            return 4;
        }
        try {
            int border = Integer.parseInt(value.strip());
            if (border >= 0 && border <= 16) {
                return border;
            }
        } catch (NumberFormatException e) {
            // the problem below names the parameter
        }
        throw ProblemException.badRequest("border", "must be between 0 and 16 modules");
    }

    /** One path of unit squares, dark on a light background, scalable without blur. */
    public static String toSvg(QrCode qr, int border) {
        int size = qr.size + 2 * border;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
                + "<path d=\"" + path + "\" fill=\"#000000\"/>\n"
                + "</svg>\n";
    }
}
