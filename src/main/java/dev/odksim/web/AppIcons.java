package dev.odksim.web;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The phone app's home-screen icons, drawn in code (a white keyhole on the brand blue) rather than kept as binary
 * files: any size on demand, the "maskable" variant with the glyph inside Android's safe zone and a full-bleed background.
 */
final class AppIcons {

    static final Color BRAND = new Color(0x1d, 0x35, 0x57);

    private AppIcons() {
    }

    static byte[] png(int size, boolean maskable) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(BRAND);
            if (maskable) {
                g.fillRect(0, 0, size, size);
            } else {
                double arc = size * 0.36;
                g.fill(new RoundRectangle2D.Double(0, 0, size, size, arc, arc));
            }
            // the glyph fills 60 % (any) or 44 % (maskable: the platform may cut away everything outside the middle 80 % circle)
            double box = size * (maskable ? 0.44 : 0.6);
            double x = (size - box) / 2;
            double y = (size - box) / 2;
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke((float) (box * 0.07)));
            g.draw(new Ellipse2D.Double(x + box * 0.04, y + box * 0.04, box * 0.92, box * 0.92)); // the lock's rim
            double r = box * 0.16;
            double cx = size / 2.0;
            double cy = y + box * 0.40;
            g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
            Path2D.Double slot = new Path2D.Double();
            slot.moveTo(cx - r * 0.55, cy);
            slot.lineTo(cx + r * 0.55, cy);
            slot.lineTo(cx + r * 0.9, y + box * 0.78);
            slot.lineTo(cx - r * 0.9, y + box * 0.78);
            slot.closePath();
            g.fill(slot);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
