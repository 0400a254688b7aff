package dev.odksim.appauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A text message the simulator "sent": no SMS leaves the machine, the inbox is visible through the API and dashboard. */
@Entity
@Table(name = "sms_messages")
public class SmsMessage extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "to_number")
    public String to;
    public String text;
    public String code;
    @Column(name = "sent_at")
    public Instant sentAt;
}
