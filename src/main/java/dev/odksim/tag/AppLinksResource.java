package dev.odksim.tag;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The association files an app build needs to claim sticker URLs as Android App Links / iOS Universal Links. */
@Path("/.well-known")
public class AppLinksResource {

    @Inject
    AppLinks appLinks;

    @GET
    @Path("assetlinks.json")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> assetLinks() {
        return appLinks.assetLinks();
    }

    /** Served without an extension as application/json, as iOS requires (no redirect). */
    @GET
    @Path("apple-app-site-association")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> appleAppSiteAssociation() {
        return appLinks.appleAppSiteAssociation();
    }
}
