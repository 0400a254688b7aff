package dev.odksim.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.odksim.common.Reason;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reason catalogue's texts as a script for the phone page ({@code window.ODK_REASONS}), so the page shows the same
 * sentence for a reason code as docs/reasons.md, from the one enum {@link Reason}.
 */
@Path("/app/reasons.js")
public class ReasonTextsResource {

    @Inject
    ObjectMapper json;

    @GET
    @Produces("text/javascript")
    @Operation(hidden = true)
    public String script() throws JsonProcessingException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Reason reason : Reason.values()) {
            texts.put(reason.name(), reason.text());
        }
        return "// Generated from dev.odksim.common.Reason (docs/reasons.md); do not copy these texts elsewhere.\n"
                + "window.ODK_REASONS = " + PhonePage.scriptSafe(json.writeValueAsString(texts)) + ";\n";
    }
}
