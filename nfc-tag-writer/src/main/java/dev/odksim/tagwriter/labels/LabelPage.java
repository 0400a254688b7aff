package dev.odksim.tagwriter.labels;

import io.nayuki.qrcodegen.QrCode;
import java.util.List;

/**
 * A printable, self-contained HTML page of sticker labels: per tag, an inline SVG QR code of the
 * same URL as the NFC sticker (the fallback for phones without NFC) and the lock's name.
 */
public final class LabelPage {

    /** One label. */
    public record Label(String lockName, String url) {
    }

    private LabelPage() {
    }

    public static String render(String title, List<Label> labels) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:10mm}\n")
                .append(".labels{display:flex;flex-wrap:wrap;gap:6mm}\n")
                .append(".label{width:50mm;border:1px dashed #999;padding:3mm;text-align:center;page-break-inside:avoid}\n")
                .append(".label svg{width:40mm;height:40mm}\n.name{font-weight:bold;font-size:12pt;margin-top:2mm}\n")
                .append(".url{font-family:monospace;font-size:6pt;word-break:break-all}\n")
                .append("@media print{h1{display:none}.label{border-color:#ddd}}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n<div class=\"labels\">\n");
        for (Label label : labels) {
            html.append("<div class=\"label\">\n").append(qrSvg(label.url()))
                    .append("\n<div class=\"name\">").append(escape(label.lockName())).append("</div>\n")
                    .append("<div class=\"url\">").append(escape(label.url())).append("</div>\n</div>\n");
        }
        return html.append("</div>\n</body>\n</html>\n").toString();
    }

    /** The QR code as one SVG path, 4 modules of quiet zone, medium error correction. */
    public static String qrSvg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" role=\"img\" aria-label=\"QR code of " + escape(text) + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
