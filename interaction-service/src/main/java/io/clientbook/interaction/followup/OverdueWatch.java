package io.clientbook.interaction.followup;

import io.clientbook.platform.schedule.OnOneInstance;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs the overdue check and escalation on a schedule ({@code clientbook.interaction.follow-ups.watch-every}). */
@ApplicationScoped
public class OverdueWatch {

    private final FollowUpService followUps;

    OverdueWatch(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Scheduled(identity = "follow-up-overdue-watch", every = "${clientbook.interaction.follow-ups.watch-every:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @OnOneInstance
    void watch(ScheduledExecution execution) {
        followUps.watchOverdue();
    }
}
