package dev.odksim.api;

import dev.odksim.common.Problem;
import dev.odksim.common.Reason;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes the generated document with what annotations cannot say once: the problem+json schema whose {@code reason}
 * enum is the {@link Reason} catalogue, and on every operation the problem answers it can give (400 when it takes input,
 * 401 when it is secured, 404 when it names a resource, 500 always, plus the flow's own codes from {@link #EXTRA}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiCatalogue implements OASFilter {

    static final String PROBLEM = "Problem";
    private static final String REF = "#/components/schemas/" + PROBLEM;

    /** The problem answers beyond the defaults, per operation (docs/api.md). */
    static final Map<String, List<String>> EXTRA = Map.ofEntries(
            Map.entry("requestAccess", List.of("403", "409", "429", "502", "503", "504")),
            Map.entry("scanSticker", List.of("403")),
            Map.entry("requestLoginCode", List.of("429")),
            Map.entry("createSession", List.of("409", "429")),
            Map.entry("exchangeToken", List.of("403", "409", "503")),
            Map.entry("createProject", List.of("409")),
            Map.entry("createLock", List.of("409")),
            Map.entry("createTag", List.of("409")),
            Map.entry("reassignTag", List.of("409")),
            Map.entry("createAssignedKeys", List.of("409")),
            Map.entry("addWorker", List.of("409")),
            Map.entry("addLocation", List.of("409")),
            Map.entry("addTask", List.of("409")),
            Map.entry("validateEndpoint", List.of("409", "429")),
            Map.entry("unlockLock", List.of("429")),
            Map.entry("getLockChallenge", List.of("429")));

    private static final Map<String, String> TITLES = Map.of("400", "Invalid request (invalidParams names each field)",
            "401", "Not authenticated", "403", "Refused (see reason)", "404", "Not found", "409", "Conflict",
            "429", "Too many requests (Retry-After)", "500", "Internal error", "502", "The integrator failed (see reason)",
            "503", "Unavailable (see reason; Retry-After)", "504", "The integrator did not answer in time");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() != null ? openAPI.getComponents() : OASFactory.createComponents();
        openAPI.setComponents(components);
        components.addSchema(PROBLEM, problemSchema());
        components.addSchema("InvalidParam", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid field, named like the request's JSON path (e.g. keys[0].lockId)")
                .addProperty("name", string("The field")).addProperty("reason", string("What is wrong with it"))
                .required(List.of("name", "reason")));
        components.getSchemas().values().forEach(OpenApiCatalogue::uniqueRequired);
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) ->
                complete(path, item, op)));
    }

    /**
     * A record marking a field required both on the field and in the class's {@code requiredProperties} lists it twice;
     * JSON Schema wants the names unique (and generators would repeat them).
     */
    private static void uniqueRequired(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getRequired() != null && schema.getRequired().size() != new java.util.LinkedHashSet<>(schema.getRequired()).size()) {
            schema.setRequired(new ArrayList<>(new java.util.LinkedHashSet<>(schema.getRequired())));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiCatalogue::uniqueRequired);
        }
        uniqueRequired(schema.getItems());
    }

    private static void complete(String path, PathItem item, Operation op) {
        APIResponses responses = op.getResponses() != null ? op.getResponses() : OASFactory.createAPIResponses();
        op.setResponses(responses);
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().values().forEach(OpenApiCatalogue::typeProblemContent);
            // OpenAPI requires a description on every response; a problem answer declared with its code only gets the title
            responses.getAPIResponses().forEach((code, response) -> {
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(TITLES.getOrDefault(code, code.startsWith("2") ? "Success" : "Problem"));
                }
            });
        }
        boolean input = op.getRequestBody() != null || parameters(item, op).stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
        if (!secured) {
            // Public on purpose (OpenApiContractTest keeps the list): an empty requirement says "no credentials needed".
            op.setSecurity(List.of(OASFactory.createSecurityRequirement()));
        }
        if (input) {
            addProblem(responses, "400");
        }
        if (secured) {
            addProblem(responses, "401");
        }
        if (path.contains("{")) {
            addProblem(responses, "404");
        }
        if (op.getOperationId() != null) { // a missing id fails OpenApiContractTest, not the build
            EXTRA.getOrDefault(op.getOperationId(), List.of()).forEach(code -> addProblem(responses, code));
        }
        addProblem(responses, "500");
    }

    private static List<Parameter> parameters(PathItem item, Operation op) {
        List<Parameter> all = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all;
    }

    private static void addProblem(APIResponses responses, String code) {
        if (responses.hasAPIResponse(code)) {
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(TITLES.getOrDefault(code, "Problem"))
                .content(problemContent()));
    }

    /** A declared problem+json answer without a schema gets the problem schema. */
    private static void typeProblemContent(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        MediaType problem = response.getContent().getMediaTypes().get(Problem.MEDIA_TYPE);
        if (problem != null && problem.getSchema() == null) {
            problem.setSchema(OASFactory.createSchema().ref(REF));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    private static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("A URI naming the problem type; about:blank for plain HTTP problems"));
        properties.put("title", string("A short summary"));
        properties.put("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"));
        properties.put("detail", string("What happened in this case"));
        properties.put("invalidParams", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                .items(OASFactory.createSchema().ref("#/components/schemas/InvalidParam")));
        properties.put("reason", string("A code of the reason catalogue (docs/reasons.md)")
                .enumeration(Arrays.stream(Reason.values()).filter(r -> r.status() != 0).<Object>map(Reason::name).toList()));
        properties.put("decisionId", string("The recorded decision this problem comes from"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem document, the one error shape of every API")
                .properties(properties).required(List.of("type", "title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
