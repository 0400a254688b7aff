package dev.odksim.integrator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Set;

/** A place in the reference integrator: a set of lock ids (e.g. a building's doors). */
@Entity
@Table(name = "integrator_locations")
public class Location extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "integrator_location_locks", joinColumns = @JoinColumn(name = "location_id"))
    @Column(name = "lock_id")
    public Set<String> lockIds = new HashSet<>();
}
