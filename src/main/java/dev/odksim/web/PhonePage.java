package dev.odksim.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Renders the phone web app (docs/design.md §9): one page whose script plays the app. A sticker scan embeds the
 * resolved lock (or the problem) as JSON, so the page starts at the right step without scanning twice.
 */
@ApplicationScoped
public class PhonePage {

    /** templates/phone.html, type-checked at build time: a misspelt or missing parameter fails the build. */
    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance phone(String scanJson, String problemJson, String appSwitchJson);
    }

    /** {@code scanJson}, {@code problemJson}: JSON documents or null. */
    public String render(String scanJson, String problemJson) {
        return render(scanJson, problemJson, null);
    }

    /** {@code appSwitchJson}: what an app-switch link asks of the page ({@link AppSwitchResource}), or null. */
    public String render(String scanJson, String problemJson, String appSwitchJson) {
        return Templates.phone(scriptSafe(scanJson), scriptSafe(problemJson), scriptSafe(appSwitchJson)).render();
    }

    /** JSON made safe to embed in a script element: no character can close the element or start markup. */
    static String scriptSafe(String json) {
        return json == null ? "null" : json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
