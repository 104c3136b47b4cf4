package io.clientbook.interaction.followup;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the overdue check and escalation on a schedule ({@code clientbook.interaction.follow-ups.watch-every}). */
@ApplicationScoped
public class OverdueWatch {

    private final FollowUpService followUps;

    OverdueWatch(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Scheduled(every = "${clientbook.interaction.follow-ups.watch-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        followUps.watchOverdue();
    }
}
