package bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The one resource of the bare app: reads the one table, so a first answer has been through the database. */
@Path("/items")
public class ItemResource {

    public record Count(long items) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Count count() {
        return new Count(Item.count());
    }
}
