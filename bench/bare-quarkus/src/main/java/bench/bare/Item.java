package bench.bare;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one entity of the bare app. */
@Entity
@Table(name = "items")
public class Item extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
}
