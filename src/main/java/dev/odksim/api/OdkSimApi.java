package dev.odksim.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The description of the whole HTTP edge at {@code /q/openapi}: what app developers generate clients from. Declares the
 * security schemes every operation names ({@code @SecurityRequirement}); {@link OpenApiCatalogue} adds the reason catalogue.
 */
@OpenAPIDefinition(
        info = @Info(title = "odk-sim", version = "0.1.0",
                description = "A simulator of the platform side of Unloc's On Demand Keys: sticker scans, app login, access "
                        + "requests decided by an integrator, keys, virtual locks and their administration. The contract is "
                        + "docs/api.md; errors are RFC 9457 problem+json with a `reason` from docs/reasons.md.",
                license = @License(name = "No licence granted yet: the repository declares none (the coordinator decides)"),
                contact = @Contact(name = "odk-sim maintainers (see README.md)")),
        servers = @Server(url = "/", description = "This simulator (the same origin the document is served from)"),
        tags = {
                @Tag(name = "app-auth", description = "App login: one-time code by SMS, shift login by token exchange, logout"),
                @Tag(name = "app-access", description = "The flow: a sticker scan, an access request, the app's keys"),
                @Tag(name = "stickers", description = "The sticker resolver and the app-link association files"),
                @Tag(name = "virtual-locks", description = "The simulated locks: challenge, unlock, sync, revocation list"),
                @Tag(name = "keys-admin", description = "A project's keys, assigned keys, revocation; the signing keys and JWKS"),
                @Tag(name = "projects-admin", description = "Projects, locks, on-demand configuration, identity providers, stickers"),
                @Tag(name = "logs-admin", description = "What happened: decisions, scans, access events"),
                @Tag(name = "validator", description = "The endpoint validator run against a project's decision endpoint"),
                @Tag(name = "reference-integrator", description = "The bundled third-party system that decides access"),
                @Tag(name = "simulator", description = "Simulator controls: SMS inbox, time travel, QR codes, the phone page's clock"),
                @Tag(name = "Project admin tokens", description = "Admin tokens scoped to one project"),
                @Tag(name = "Trust", description = "The local CA for phones: the trust page and the certificate downloads"),
                @Tag(name = "Unloc API clients", description = "Client credentials of the Unloc-compatible /v2 API and its simulated provisioning"),
                @Tag(name = "Unloc v2", description = "The Unloc-compatible /v2 API: tokens, locks, keys, jobs, access log, webhooks"),
                @Tag(name = "Phone web app", description = "Unloc's app-switch links, answered by the phone page"),
                @Tag(name = "Phone app", description = "What makes the phone page installable: manifest and icons"),
                @Tag(name = "Webhooks", description = "Access Event webhooks: registration, secrets, the delivery log"),
                @Tag(name = "Runs", description = "Long validator and load-test runs: progress, cancel, results")
        },
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = "adminBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "The admin token (odk.admin-token) for the admin and simulator APIs"),
                @SecurityScheme(securitySchemeName = "appBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "An app session's access token from POST /api/app/v1/auth/token or /token-exchange"),
                @SecurityScheme(securitySchemeName = "unlocBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "The Unloc-compatible /v2 API's Bearer token"),
                @SecurityScheme(securitySchemeName = "integratorApiKey", type = SecuritySchemeType.APIKEY,
                        in = SecuritySchemeIn.HEADER, apiKeyName = "X-Api-Key",
                        description = "The reference integrator's API key (odk.integrator.api-key), sent by the platform")
        }))
public class OdkSimApi extends Application {
}
