package io.clientbook.interaction.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.events.interaction.FollowUpEscalated;
import io.clientbook.events.interaction.FollowUpOverdue;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.followup.dto.FollowUpInput;
import io.clientbook.interaction.followup.dto.FollowUpPage;
import io.clientbook.interaction.followup.dto.FollowUpView;
import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.support.PatchFields;
import io.clientbook.interaction.team.Teams;
import io.clientbook.interaction.timeline.TimelineKind;
import io.clientbook.interaction.timeline.TimelineService;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.security.OwnerVisibility;
import io.clientbook.platform.web.Paging;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Follow-ups: by hand or from rules; assignment, completion, snoozing, cancelling, agendas, overdue and escalation. */
@ApplicationScoped
public class FollowUpService {

    private static final Set<String> PATCHABLE = Set.of("status", "dueAt", "assigneeId", "teamId", "outcome", "note");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final EntityManager em;
    private final TimelineService timeline;
    private final CustomerAccess access;
    private final Teams teams;
    private final OwnerVisibility visibility;
    private final Outbox outbox;
    private final CareClock clock;
    private final FollowUpConfig config;

    FollowUpService(EntityManager em, TimelineService timeline, CustomerAccess access, Teams teams, OwnerVisibility visibility,
                    Outbox outbox, CareClock clock, FollowUpConfig config) {
        this.em = em;
        this.timeline = timeline;
        this.access = access;
        this.teams = teams;
        this.visibility = visibility;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public FollowUpView create(FollowUpInput input, String caller) {
        access.requireVisible(timeline.currentCustomer(input.customerId()));
        if (input.teamId() != null && !teams.exists(input.teamId())) {
            throw new ProblemException.Invalid("teamId", "no such team");
        }
        String assignee = input.assigneeId() == null ? caller : input.assigneeId();
        UUID team = input.teamId() != null ? input.teamId() : teams.teamOf(assignee).orElse(null);
        FollowUp f = newFollowUp(input.customerId(), input.type(), input.channel(), input.dueAt(), assignee, team, null, caller);
        f.note = input.note();
        em.persist(f);
        em.flush();
        return view(f);
    }

    /**
     * A follow-up a rule generates: assigned to the customer's owner, in the owner's team; without an owner,
     * unassigned in the rule's team.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID createForRule(UUID customerId, FollowUpType type, Channel channel, Instant dueAt, UUID ruleId, UUID ruleTeam) {
        String owner = access.ownerOf(customerId);
        UUID team = owner == null ? ruleTeam : teams.teamOf(owner).orElse(ruleTeam);
        FollowUp f = newFollowUp(customerId, type, channel, dueAt, owner, team, ruleId, "rule:" + ruleId);
        em.persist(f);
        return f.id;
    }

    /** Work for the customer's owner (in the owner's team), unassigned when there is none: e.g. a detractor's callback. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID createForOwner(UUID customerId, FollowUpType type, Channel channel, Instant dueAt, String note, String createdBy) {
        String owner = access.ownerOf(customerId);
        FollowUp f = newFollowUp(customerId, type, channel, dueAt, owner, teams.teamOf(owner).orElse(null), null, createdBy);
        f.note = note;
        em.persist(f);
        return f.id;
    }

    /** Whether the customer has a pending follow-up of this type and channel (cadences never stack on one). */
    public boolean hasPending(UUID customerId, FollowUpType type, Channel channel) {
        return !em.createQuery("""
                        select f.id from FollowUp f where f.customerId = :customer and f.type = :type
                           and (f.channel = :channel or (f.channel is null and :channel is null))
                           and f.status in (io.clientbook.interaction.followup.FollowUpStatus.OPEN,
                                            io.clientbook.interaction.followup.FollowUpStatus.SNOOZED)""", UUID.class)
                .setParameter("customer", customerId).setParameter("type", type).setParameter("channel", channel)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private FollowUp newFollowUp(UUID customerId, FollowUpType type, Channel channel, Instant dueAt, String assignee, UUID team,
                                 UUID ruleId, String createdBy) {
        Instant now = clock.now();
        FollowUp f = new FollowUp();
        f.id = UUID.randomUUID();
        f.type = type;
        f.channel = channel;
        f.dueAt = dueAt;
        f.assigneeId = assignee;
        f.teamId = team;
        f.status = FollowUpStatus.OPEN;
        f.ruleId = ruleId;
        f.createdBy = createdBy;
        f.createdAt = now;
        f.updatedAt = now;
        f.customerId = timeline.record(f.id, customerId, TimelineKind.FOLLOW_UP, "follow-up." + type.apiName(), now, line(f));
        return f;
    }

    public FollowUpView get(UUID id) {
        return view(findVisible(id));
    }

    /** Applies a JSON merge patch of status, dueAt, assigneeId, teamId, outcome and note; If-Match required. */
    @Transactional
    public FollowUpView patch(UUID id, JsonNode patch, String ifMatch) {
        FollowUp f = findVisible(id);
        Preconditions.requireMatch(ifMatch, f.version);
        PatchFields.requireOnly(patch, PATCHABLE);
        Instant now = clock.now();
        FollowUpStatus status = patch.has("status") ? PatchFields.parsed(patch.get("status"), "status", FollowUpStatus::parse) : f.status;
        Instant dueAt = patch.has("dueAt") ? PatchFields.instant(patch.get("dueAt"), "dueAt") : f.dueAt;
        String outcome = patch.has("outcome") ? PatchFields.text(patch.get("outcome"), "outcome", 500) : f.outcome;
        if (status != f.status && !f.status.pending()) {
            throw new ProblemException(409, "/problems/conflict", "Follow-up closed",
                    "A " + f.status.apiName() + " follow-up cannot change its status", List.of(new Problem.FieldError("status", "is final")), Map.of());
        }
        if (dueAt == null) {
            throw new ProblemException.Invalid("dueAt", "must not be null");
        }
        if (status == FollowUpStatus.DONE && (outcome == null || outcome.isBlank())) {
            throw new ProblemException.Invalid("outcome", "is required to complete a follow-up");
        }
        if (status == FollowUpStatus.SNOOZED && f.status != FollowUpStatus.SNOOZED && (!patch.has("dueAt") || !dueAt.isAfter(now))) {
            throw new ProblemException.Invalid("dueAt", "a snooze needs a new dueAt in the future");
        }
        if (patch.has("teamId")) {
            UUID team = PatchFields.uuid(patch.get("teamId"), "teamId");
            if (team != null && !teams.exists(team)) {
                throw new ProblemException.Invalid("teamId", "no such team");
            }
            f.teamId = team;
        }
        if (patch.has("assigneeId")) {
            f.assigneeId = PatchFields.text(patch.get("assigneeId"), "assigneeId", 100);
            if (!patch.has("teamId") && f.assigneeId != null) {
                f.teamId = teams.teamOf(f.assigneeId).orElse(f.teamId);
            }
        }
        if (patch.has("note")) {
            f.note = PatchFields.text(patch.get("note"), "note", 2000);
        }
        if (!dueAt.equals(f.dueAt)) {
            f.dueAt = dueAt;
            f.overdueSince = null; // a new due time: overdue and escalation start again
            f.escalatedAt = null;
        }
        if (status != f.status && !status.pending()) {
            f.completedAt = now;
        }
        f.status = status;
        f.outcome = outcome;
        f.updatedAt = now;
        timeline.summarise(f.id, line(f));
        em.flush();
        return view(f);
    }

    /** An agenda: filters combine; due time ascending; a sales user sees its own tasks and its customers' only. */
    public FollowUpPage list(UUID customerId, String assigneeId, UUID teamId, String statusFilter, Instant dueBefore, String cursor,
                             Integer limit) {
        int size = Paging.limit(limit);
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new HashMap<>();
        if (customerId != null) {
            where.append(" and f.customer_id = :customer");
            params.put("customer", timeline.currentCustomer(customerId));
        }
        if (assigneeId != null) {
            where.append(" and f.assignee_id = :assignee");
            params.put("assignee", assigneeId);
        }
        if (teamId != null) {
            where.append(" and f.team_id = :team");
            params.put("team", teamId);
        }
        if (statusFilter != null && !statusFilter.isBlank()) {
            List<String> statuses = new ArrayList<>();
            for (String s : statusFilter.split(",")) {
                statuses.add(PatchFields.parsed(s, "status", FollowUpStatus::parse).name());
            }
            where.append(" and f.status = any(:statuses)");
            params.put("statuses", statuses.toArray(String[]::new));
        }
        if (dueBefore != null) {
            where.append(" and f.due_at < :dueBefore");
            params.put("dueBefore", dueBefore);
        }
        Optional<String> onlyOwnedBy = visibility.onlyOwnedBy();
        if (onlyOwnedBy.isPresent()) {
            where.append(" and (f.assignee_id = :me or exists (select 1 from customer_profile p where p.customer_id = f.customer_id"
                    + " and p.owner_id = :me))");
            params.put("me", onlyOwnedBy.get());
        }
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = Paging.parts(cursor, 2);
            try {
                params.put("afterDue", Instant.parse(parts[0]));
                params.put("afterId", UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw Paging.invalidCursor();
            }
            where.append(" and (f.due_at, f.id) > (:afterDue, :afterId)");
        }
        var query = em.createNativeQuery("select f.* from follow_up f " + where + " order by f.due_at, f.id limit :size", FollowUp.class);
        params.forEach(query::setParameter);
        query.setParameter("size", size + 1);
        @SuppressWarnings("unchecked")
        List<FollowUp> rows = query.getResultList();
        boolean more = rows.size() > size;
        List<FollowUp> shown = more ? rows.subList(0, size) : rows;
        String next = more ? Paging.cursor(shown.getLast().dueAt, shown.getLast().id) : null;
        return new FollowUpPage(shown.stream().map(this::view).toList(), next);
    }

    /**
     * Publishes followup.overdue once for each pending follow-up past its due time, and escalates those
     * overdue for longer than the configured delay to their team's manager (followup.escalated).
     * Returns how many it marked overdue and escalated.
     */
    @Transactional
    public int[] watchOverdue() {
        Instant now = clock.now();
        List<FollowUp> late = em.createQuery("""
                        select f from FollowUp f where f.status in (io.clientbook.interaction.followup.FollowUpStatus.OPEN,
                            io.clientbook.interaction.followup.FollowUpStatus.SNOOZED) and f.dueAt < :now and f.overdueSince is null
                         order by f.dueAt""", FollowUp.class)
                .setParameter("now", now).setMaxResults(1000).getResultList();
        for (FollowUp f : late) {
            f.overdueSince = now;
            outbox.record(FollowUpOverdue.TYPE, f.customerId.toString(), new FollowUpOverdue(f.id, f.customerId, f.type.apiName(),
                    f.channel == null ? null : f.channel.apiName(), f.dueAt, f.assigneeId, f.teamId, now));
        }
        List<FollowUp> stale = em.createQuery("""
                        select f from FollowUp f where f.status in (io.clientbook.interaction.followup.FollowUpStatus.OPEN,
                            io.clientbook.interaction.followup.FollowUpStatus.SNOOZED) and f.dueAt < :limit and f.escalatedAt is null
                            and f.overdueSince is not null
                         order by f.dueAt""", FollowUp.class)
                .setParameter("limit", now.minus(config.escalateAfter())).setMaxResults(1000).getResultList();
        int escalated = 0;
        for (FollowUp f : stale) {
            UUID team = f.teamId != null ? f.teamId : teams.teamOf(f.assigneeId).orElse(null);
            Optional<String> manager = teams.managerOf(team);
            f.escalatedAt = now; // also without a manager: looked at once per due time
            if (manager.isPresent() && !manager.get().equals(f.assigneeId)) {
                f.escalatedTo = manager.get();
                f.teamId = team;
                escalated++;
                outbox.record(FollowUpEscalated.TYPE, f.customerId.toString(), new FollowUpEscalated(f.id, f.customerId, f.assigneeId,
                        team, manager.get(), f.dueAt, now));
                timeline.summarise(f.id, line(f));
            }
        }
        return new int[] {late.size(), escalated};
    }

    private FollowUp findVisible(UUID id) {
        FollowUp f = em.find(FollowUp.class, id);
        if (f == null || !mayAccess(f)) {
            throw new ProblemException.NotFound("Follow-up", id);
        }
        return f;
    }

    private boolean mayAccess(FollowUp f) {
        Optional<String> me = visibility.onlyOwnedBy();
        return me.isEmpty() || me.get().equals(f.assigneeId) || access.maySee(f.customerId);
    }

    private String line(FollowUp f) {
        return line(f.type, f.channel, f.dueAt, f.status, f.escalatedTo != null, f.outcome);
    }

    /** The line a follow-up shows on the timeline. */
    public static String line(FollowUpType type, Channel channel, Instant dueAt, FollowUpStatus status, boolean escalated, String outcome) {
        String what = switch (type) {
            case CALLBACK -> "Callback";
            case VISIT -> "Visit";
            case CARE -> "Care";
            case WIN_BACK -> "Win-back";
            case RENEWAL -> "Renewal";
            case SURVEY -> "Survey";
            case OTHER -> "Follow-up";
        };
        String line = what + (channel == null ? "" : " by " + channel.apiName()) + " due " + DAY.format(dueAt) + " — "
                + status.apiName() + (escalated ? ", escalated" : "") + (outcome == null ? "" : ": " + outcome);
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private FollowUpView view(FollowUp f) {
        boolean overdue = f.status.pending() && f.dueAt.isBefore(clock.now());
        return new FollowUpView(f.id, f.customerId, f.type, f.channel, f.dueAt, f.assigneeId, f.teamId, f.status, overdue, f.ruleId,
                f.outcome, f.note, f.escalatedTo, f.version, f.createdAt, f.updatedAt, f.completedAt);
    }
}
