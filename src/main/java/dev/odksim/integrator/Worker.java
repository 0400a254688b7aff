package dev.odksim.integrator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person in the reference integrator's workforce system, known by phone number. */
@Entity
@Table(name = "integrator_workers")
public class Worker extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String phone;
}
