package dev.odksim.tag;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The association files an app build needs to claim sticker URLs as Android App Links / iOS Universal Links. */
@Path("/.well-known")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "stickers")
public class AppLinksResource {

    @Inject
    AppLinks appLinks;

    @GET
    @Path("assetlinks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAssetLinks", summary = "Android App Links association file")
    public List<AppLinks.AssetLink> assetLinks() {
        return appLinks.assetLinks();
    }

    /** Served without an extension as application/json, as iOS requires (no redirect). */
    @GET
    @Path("apple-app-site-association")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAppleAppSiteAssociation", summary = "iOS Universal Links association file")
    public AppLinks.AppleAppSiteAssociation appleAppSiteAssociation() {
        return appLinks.appleAppSiteAssociation();
    }
}
