package io.clientbook.interaction.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbook.events.message.MessageRequested;
import io.clientbook.platform.inbox.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The default delivery adapter: logs each requested message (ids, channel and template; never an address or
 * a variable) instead of sending it. A deployment with a real e-mail or SMS adapter turns it off with
 * {@code mp.messaging.incoming.message-requests.enabled=false}.
 */
@ApplicationScoped
public class LoggingDeliveryAdapter {

    private static final Logger LOG = Logger.getLogger(LoggingDeliveryAdapter.class);

    private final ObjectMapper mapper;

    LoggingDeliveryAdapter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("message-requests")
    @Blocking
    public void on(ConsumerRecord<String, String> record) {
        IncomingEvent.from(record).as(MessageRequested.TYPE, mapper).ifPresent(m ->
                LOG.infof("message %s requested: %s template %s for customer %s (purpose %s); logging adapter, not sent",
                        m.messageId(), m.channel(), m.templateKey(), m.customerId(), m.purpose()));
    }
}
