package io.clientbook.interaction.ticket;

import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Acts on due SLA timers every second ({@code clientbook.interaction.sla.watch-every}), in chunks, until none
 * is due: a pass reads only due timers through their index, so its cost follows what is due, not how many
 * tickets are open.
 */
@ApplicationScoped
public class SlaWatch {

    private static final int CHUNK = 500;

    private final TicketService tickets;

    SlaWatch(TicketService tickets) {
        this.tickets = tickets;
    }

    @Scheduled(identity = "sla-watch", every = "${clientbook.interaction.sla.watch-every:1s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void watch(ScheduledExecution execution) {
        runOnce();
    }

    /** Handles every timer due now; returns how many. */
    public int runOnce() {
        int total = 0;
        int handled;
        do {
            handled = tickets.actOnDueTimers(CHUNK);
            total += handled;
        } while (handled == CHUNK);
        return total;
    }
}
