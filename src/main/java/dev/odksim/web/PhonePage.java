package dev.odksim.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Renders the phone web app (docs/design.md §9): one page whose script plays the app. A sticker scan embeds the
 * resolved lock (or the problem) as JSON, so the page starts at the right step without scanning twice.
 */
@ApplicationScoped
public class PhonePage {

    @Inject
    @Location("phone.html")
    Template phone;

    /** {@code scanJson}, {@code problemJson}: JSON documents or null. */
    public String render(String scanJson, String problemJson) {
        return render(scanJson, problemJson, null);
    }

    /** {@code appSwitchJson}: what an app-switch link asks of the page ({@link AppSwitchResource}), or null. */
    public String render(String scanJson, String problemJson, String appSwitchJson) {
        return phone.data("scanJson", scriptSafe(scanJson)).data("problemJson", scriptSafe(problemJson))
                .data("appSwitchJson", scriptSafe(appSwitchJson)).render();
    }

    /** JSON made safe to embed in a script element: no character can close the element or start markup. */
    static String scriptSafe(String json) {
        return json == null ? "null" : json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
