package dev.odksim.demo;

import dev.odksim.common.AdminToken;
import dev.odksim.common.PublicUrls;
import dev.odksim.tls.HttpsCertificates;
import io.nayuki.qrcodegen.QrCode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** On start: seed the demo data into an empty database, then print where everything is and a QR code of the demo sticker. */
@Singleton
public class StartupBanner {

    @Inject
    DemoData demoData;
    @Inject
    PublicUrls urls;
    @Inject
    AdminToken adminToken;
    @Inject
    HttpsCertificates https;

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent event) {
        demoData.seedIfEmpty();
        String sticker = urls.sticker(DemoData.STICKER);
        StringBuilder out = new StringBuilder("\n")
                .append("  odk-sim is running\n")
                .append("  Dashboard      ").append(urls.base()).append("/dashboard/\n")
                .append("  Phone app      ").append(urls.base()).append("/app\n")
                .append("  Demo sticker   ").append(sticker).append("   (Front door)\n")
                .append("  API docs       ").append(urls.base()).append("/q/swagger-ui\n");
        if (https.mode() == HttpsCertificates.Mode.GENERATED) {
            out.append("  Trust (phones) ").append(urls.plainHttpBase()).append("/trust")
                    .append("   (once per phone: trust the simulator's local CA, then HTTPS works)\n");
        }
        if (adminToken.generatedNow()) {
            out.append("  Admin token    ").append(adminToken.revealForBanner())
                    .append("   (generated now and stored in the data directory; shown only this once)\n");
        }
        out.append("\n  Scan this with a phone on the same network to open the demo sticker:\n\n")
                .append(terminalQr(sticker));
        System.out.println(out);
    }

    /** The QR code drawn with half blocks, two modules per character row, with a quiet zone, dark on light. */
    static String terminalQr(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        int border = 2;
        StringBuilder out = new StringBuilder();
        for (int y = -border; y < qr.size + border; y += 2) {
            out.append("  ");
            for (int x = -border; x < qr.size + border; x++) {
                boolean top = qr.getModule(x, y);
                boolean bottom = qr.getModule(x, y + 1);
                out.append(top ? (bottom ? ' ' : '▄') : (bottom ? '▀' : '█'));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
