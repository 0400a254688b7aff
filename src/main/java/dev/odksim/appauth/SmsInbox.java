package dev.odksim.appauth;

import dev.odksim.common.Ids;
import dev.odksim.common.SimClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/** Where one-time codes are "delivered": stored for the SMS inbox and written to the log (docs/design.md §9). */
@ApplicationScoped
public class SmsInbox {

    private static final Logger LOG = Logger.getLogger(SmsInbox.class);

    @Inject
    SimClock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    void send(String to, String text, String code) {
        SmsMessage message = new SmsMessage();
        message.id = Ids.uuid();
        message.to = to;
        message.text = text;
        message.code = code;
        message.sentAt = clock.now();
        message.persist();
        LOG.infof("SMS to %s: %s", to, text);
    }

    /** Newest first; all numbers when {@code to} is null. */
    public List<SmsMessage> messages(String to, int limit) {
        return (to == null ? SmsMessage.find("order by sentAt desc, id desc") : SmsMessage.find("to = ?1 order by sentAt desc, id desc", to))
                .page(0, limit).list();
    }
}
