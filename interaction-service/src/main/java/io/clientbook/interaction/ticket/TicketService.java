package io.clientbook.interaction.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import io.clientbook.events.interaction.SlaBreached;
import io.clientbook.events.interaction.SlaWarning;
import io.clientbook.events.interaction.TicketOpened;
import io.clientbook.events.interaction.TicketResolved;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.care.CustomerProfile;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.rule.RuleEngine;
import io.clientbook.interaction.rule.TriggerType;
import io.clientbook.interaction.sla.SlaPolicies;
import io.clientbook.interaction.sla.WorkingTime;
import io.clientbook.interaction.support.PatchFields;
import io.clientbook.interaction.team.Teams;
import io.clientbook.interaction.ticket.dto.CommentInput;
import io.clientbook.interaction.ticket.dto.CommentView;
import io.clientbook.interaction.ticket.dto.TicketInput;
import io.clientbook.interaction.ticket.dto.TicketPage;
import io.clientbook.interaction.ticket.dto.TicketView;
import io.clientbook.interaction.timeline.TimelineKind;
import io.clientbook.interaction.timeline.TimelineService;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.security.OwnerVisibility;
import io.clientbook.platform.web.Paging;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tickets and their SLA clocks. A ticket gets its targets from the first matching SLA policy when opened;
 * the moments to act on (80% warnings and breaches of first response and resolution) are rows in
 * {@code sla_timer}, so the watch reads only what is due. Pending pauses the resolution clock (the time left
 * is kept in the policy's working time and the timers are removed); leaving pending starts it again from the
 * time left. A breach raises the priority one step and hands the ticket to the team manager.
 */
@ApplicationScoped
public class TicketService {

    static final String FIRST_RESPONSE = "first-response";
    static final String RESOLUTION = "resolution";
    private static final Set<String> PATCHABLE = Set.of("status", "priority", "assigneeId", "teamId", "subject", "description");

    private final EntityManager em;
    private final TimelineService timeline;
    private final CustomerProfiles profiles;
    private final Teams teams;
    private final CustomerAccess access;
    private final SlaPolicies sla;
    private final RuleEngine rules;
    private final OwnerVisibility visibility;
    private final Outbox outbox;
    private final CareClock clock;

    TicketService(EntityManager em, TimelineService timeline, CustomerProfiles profiles, CustomerAccess access, Teams teams, SlaPolicies sla,
                  RuleEngine rules, OwnerVisibility visibility, Outbox outbox, CareClock clock) {
        this.em = em;
        this.timeline = timeline;
        this.profiles = profiles;
        this.access = access;
        this.teams = teams;
        this.sla = sla;
        this.rules = rules;
        this.visibility = visibility;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public TicketView open(TicketInput input, String caller) {
        access.requireVisible(timeline.currentCustomer(input.customerId()));
        if (input.teamId() != null && !teams.exists(input.teamId())) {
            throw new ProblemException.Invalid("teamId", "no such team");
        }
        Instant now = clock.now();
        Ticket t = new Ticket();
        t.id = UUID.randomUUID();
        t.type = input.type();
        t.priority = input.priority() == null ? TicketPriority.NORMAL : input.priority();
        t.channel = input.channel();
        t.subject = input.subject();
        t.description = input.description();
        t.status = input.assigneeId() == null ? TicketStatus.NEW : TicketStatus.OPEN;
        t.assigneeId = input.assigneeId();
        t.teamId = input.teamId() != null ? input.teamId() : teams.teamOf(input.assigneeId()).orElse(null);
        t.createdBy = caller;
        t.createdAt = now;
        t.updatedAt = now;
        t.customerId = timeline.record(t.id, input.customerId(), TimelineKind.TICKET, "ticket." + t.type.apiName(), now, line(t));
        String tier = profiles.find(t.customerId).map(CustomerProfile::tier).orElse(null);
        Optional<SlaPolicies.Targets> targets = sla.targetsFor(t.type.apiName(), t.priority.apiName(), tier);
        em.persist(t);
        em.flush();
        targets.ifPresent(target -> {
            t.slaPolicyId = target.policyId();
            t.firstResponseDueAt = target.time().plus(now, target.firstResponseMinutes());
            t.resolutionDueAt = target.time().plus(now, target.resolutionMinutes());
            timer(t.id, FIRST_RESPONSE + "-warning", target.time().plus(now, Math.round(target.firstResponseMinutes() * 0.8)));
            timer(t.id, FIRST_RESPONSE + "-breach", t.firstResponseDueAt);
            timer(t.id, RESOLUTION + "-warning", target.time().plus(now, Math.round(target.resolutionMinutes() * 0.8)));
            timer(t.id, RESOLUTION + "-breach", t.resolutionDueAt);
        });
        outbox.record(TicketOpened.TYPE, t.customerId.toString(), new TicketOpened(t.id, t.customerId, t.type.apiName(),
                t.priority.apiName(), now, t.resolutionDueAt));
        return view(t);
    }

    /** What other features need to know of a ticket. */
    public record TicketFacts(UUID customerId, TicketType type, io.clientbook.interaction.interaction.Channel channel) {
    }

    public Optional<TicketFacts> facts(UUID id) {
        Ticket t = id == null ? null : em.find(Ticket.class, id);
        return Optional.ofNullable(t == null ? null : new TicketFacts(t.customerId, t.type, t.channel));
    }

    public TicketView get(UUID id) {
        return view(findVisible(id));
    }

    /** Status, priority, assignee, team, subject, description; If-Match required. */
    @Transactional
    public TicketView patch(UUID id, JsonNode patch, String ifMatch) {
        Ticket t = findVisible(id);
        Preconditions.requireMatch(ifMatch, t.version);
        PatchFields.requireOnly(patch, PATCHABLE);
        Instant now = clock.now();
        if (patch.has("priority")) {
            t.priority = PatchFields.parsed(patch.get("priority"), "priority", TicketPriority::parse);
        }
        if (patch.has("teamId")) {
            UUID team = PatchFields.uuid(patch.get("teamId"), "teamId");
            if (team != null && !teams.exists(team)) {
                throw new ProblemException.Invalid("teamId", "no such team");
            }
            t.teamId = team;
        }
        if (patch.has("assigneeId")) {
            t.assigneeId = PatchFields.text(patch.get("assigneeId"), "assigneeId", 100);
            if (!patch.has("teamId") && t.assigneeId != null) {
                t.teamId = teams.teamOf(t.assigneeId).orElse(t.teamId);
            }
            if (t.status == TicketStatus.NEW && t.assigneeId != null && !patch.has("status")) {
                t.status = TicketStatus.OPEN;
            }
        }
        if (patch.has("subject")) {
            if (!patch.get("subject").isTextual() || patch.get("subject").asText().isBlank() || patch.get("subject").asText().length() > 200) {
                throw new ProblemException.Invalid("subject", "must be 1 to 200 characters");
            }
            t.subject = patch.get("subject").asText();
        }
        if (patch.has("description")) {
            t.description = patch.get("description").isNull() ? null : patch.get("description").asText();
        }
        if (patch.has("status")) {
            move(t, PatchFields.parsed(patch.get("status"), "status", TicketStatus::parse), now);
        }
        t.updatedAt = now;
        timeline.summarise(t.id, line(t));
        em.flush();
        return view(t);
    }

    private void move(Ticket t, TicketStatus to, Instant now) {
        TicketStatus from = t.status;
        if (to == from) {
            return;
        }
        boolean reopening = (from == TicketStatus.RESOLVED || from == TicketStatus.CLOSED) && (to == TicketStatus.OPEN || to == TicketStatus.NEW);
        if (from == TicketStatus.CLOSED && !reopening) {
            throw conflict("A closed ticket can only be reopened (status open)");
        }
        if (to == TicketStatus.NEW && !reopening) {
            throw conflict("A ticket cannot go back to new");
        }
        WorkingTime time = sla.timeOfPolicy(t.slaPolicyId);
        if (from == TicketStatus.PENDING) {
            resume(t, time, now);
        }
        switch (to) {
            case PENDING -> pause(t, time, now);
            case RESOLVED -> {
                t.resolvedAt = now;
                respondedBy(t, now);
                dropTimers(t.id, RESOLUTION);
                UUID event = outbox.record(TicketResolved.TYPE, t.customerId.toString(), new TicketResolved(t.id, t.customerId, t.type.apiName(),
                        t.priority.apiName(), t.resolutionBreached, t.createdAt, now));
                rules.onEvent(event, t.customerId, TriggerType.EVENT, TicketResolved.TYPE.name(), now);
            }
            case CLOSED -> {
                t.closedAt = now;
                if (t.resolvedAt == null) {
                    t.resolvedAt = now;
                }
                dropTimers(t.id, FIRST_RESPONSE);
                dropTimers(t.id, RESOLUTION);
            }
            case OPEN, NEW -> {
                if (reopening && t.slaPolicyId != null) { // a reopened ticket gets its full resolution target again
                    int minutes = sla.resolutionMinutes(t.slaPolicyId);
                    t.resolvedAt = null;
                    t.closedAt = null;
                    t.resolutionDueAt = time.plus(now, minutes);
                    timer(t.id, RESOLUTION + "-warning", time.plus(now, Math.round(minutes * 0.8)));
                    timer(t.id, RESOLUTION + "-breach", t.resolutionDueAt);
                }
            }
        }
        t.status = to;
    }

    private void pause(Ticket t, WorkingTime time, Instant now) {
        t.pausedSince = now;
        t.remainingMinutes = t.resolutionDueAt == null || t.resolutionBreached ? null : time.minutesBetween(now, t.resolutionDueAt);
        dropTimers(t.id, RESOLUTION);
    }

    private void resume(Ticket t, WorkingTime time, Instant now) {
        if (t.pausedSince != null && t.remainingMinutes != null && t.slaPolicyId != null) {
            long target = sla.resolutionMinutes(t.slaPolicyId);
            t.resolutionDueAt = time.plus(now, t.remainingMinutes);
            long beforeWarning = t.remainingMinutes - Math.round(target * 0.2);
            if (beforeWarning > 0) {
                timer(t.id, RESOLUTION + "-warning", time.plus(now, beforeWarning));
            }
            timer(t.id, RESOLUTION + "-breach", t.resolutionDueAt);
        }
        t.pausedSince = null;
        t.remainingMinutes = null;
    }

    @Transactional
    public CommentView comment(UUID ticketId, CommentInput input, String author) {
        Ticket t = findVisible(ticketId);
        Instant now = clock.now();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into ticket_comment (id, ticket_id, author_id, body, public, created_at) values (:id, :t, :a, :b, :p, :at)")
                .setParameter("id", id).setParameter("t", ticketId).setParameter("a", author).setParameter("b", input.body())
                .setParameter("p", input.isPublic()).setParameter("at", now).executeUpdate();
        if (input.isPublic()) {
            respondedBy(t, now);
            if (t.status == TicketStatus.NEW) {
                t.status = TicketStatus.OPEN;
            }
        }
        t.updatedAt = now;
        em.flush();
        return new CommentView(id, ticketId, author, input.body(), input.isPublic(), now);
    }

    public List<CommentView> comments(UUID ticketId) {
        findVisible(ticketId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, author_id, body, public, created_at from ticket_comment where ticket_id = :t order by created_at, id")
                .setParameter("t", ticketId).getResultList();
        return rows.stream().map(r -> new CommentView((UUID) r[0], ticketId, (String) r[1], (String) r[2], (Boolean) r[3], Rows.instant(r[4]))).toList();
    }

    private void respondedBy(Ticket t, Instant now) {
        if (t.firstRespondedAt == null) {
            t.firstRespondedAt = now;
            dropTimers(t.id, FIRST_RESPONSE);
        }
    }

    /**
     * Acts on the SLA timers that are due (at most {@code limit}, oldest first, skipping rows another instance
     * holds): warnings publish sla.warning; breaches mark the ticket, escalate it and publish sla.breached.
     * Returns how many timers it handled.
     */
    @Transactional
    public int actOnDueTimers(int limit) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                        select ticket_id, kind, due_at from sla_timer where due_at <= :now order by due_at limit :limit for update skip locked""")
                .setParameter("now", now).setParameter("limit", limit).getResultList();
        for (Object[] row : due) {
            UUID ticketId = (UUID) row[0];
            String kind = (String) row[1];
            em.createNativeQuery("delete from sla_timer where ticket_id = :t and kind = :k").setParameter("t", ticketId).setParameter("k", kind)
                    .executeUpdate();
            Ticket t = em.find(Ticket.class, ticketId);
            if (t == null) {
                continue;
            }
            String target = kind.startsWith(FIRST_RESPONSE) ? FIRST_RESPONSE : RESOLUTION;
            Instant dueAt = target.equals(FIRST_RESPONSE) ? t.firstResponseDueAt : t.resolutionDueAt;
            if (kind.endsWith("-warning")) {
                outbox.record(SlaWarning.TYPE, t.customerId.toString(), new SlaWarning(t.id, t.customerId, target, dueAt, t.assigneeId, t.teamId, now));
                continue;
            }
            if (target.equals(FIRST_RESPONSE)) {
                t.firstResponseBreached = true;
            } else {
                t.resolutionBreached = true;
            }
            escalate(t);
            t.updatedAt = now;
            outbox.record(SlaBreached.TYPE, t.customerId.toString(), new SlaBreached(t.id, t.customerId, target, dueAt, t.priority.apiName(),
                    t.escalatedTo, now));
            timeline.summarise(t.id, line(t));
        }
        return due.size();
    }

    /** One step up in priority, and to the team manager (the team's, or the assignee's team's). */
    private void escalate(Ticket t) {
        TicketPriority[] order = TicketPriority.values();
        t.priority = order[Math.min(order.length - 1, t.priority.ordinal() + 1)];
        UUID team = t.teamId != null ? t.teamId : teams.teamOf(t.assigneeId).orElse(null);
        teams.managerOf(team).ifPresent(manager -> {
            t.escalatedTo = manager;
            t.assigneeId = manager;
            t.teamId = team;
        });
    }

    /** Tickets newest first; filters combine. A sales user sees its customers' tickets only. */
    public TicketPage list(UUID customerId, String statusFilter, String assigneeId, UUID teamId, Boolean breached, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new HashMap<>();
        if (customerId != null) {
            where.append(" and t.customer_id = :customer");
            params.put("customer", timeline.currentCustomer(customerId));
        }
        if (statusFilter != null && !statusFilter.isBlank()) {
            List<String> statuses = new ArrayList<>();
            for (String s : statusFilter.split(",")) {
                statuses.add(PatchFields.parsed(s, "status", TicketStatus::parse).name());
            }
            where.append(" and t.status = any(:statuses)");
            params.put("statuses", statuses.toArray(String[]::new));
        }
        if (assigneeId != null) {
            where.append(" and t.assignee_id = :assignee");
            params.put("assignee", assigneeId);
        }
        if (teamId != null) {
            where.append(" and t.team_id = :team");
            params.put("team", teamId);
        }
        if (breached != null) {
            where.append(breached ? " and (t.first_response_breached or t.resolution_breached)"
                    : " and not (t.first_response_breached or t.resolution_breached)");
        }
        visibility.onlyOwnedBy().ifPresent(me -> {
            where.append(" and exists (select 1 from customer_profile p where p.customer_id = t.customer_id and p.owner_id = :me)");
            params.put("me", me);
        });
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = Paging.parts(cursor, 2);
            try {
                params.put("afterAt", Instant.parse(parts[0]));
                params.put("afterId", UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw Paging.invalidCursor();
            }
            where.append(" and (t.created_at, t.id) < (:afterAt, :afterId)");
        }
        var query = em.createNativeQuery("select t.* from ticket t " + where + " order by t.created_at desc, t.id desc limit :size", Ticket.class);
        params.forEach(query::setParameter);
        query.setParameter("size", size + 1);
        @SuppressWarnings("unchecked")
        List<Ticket> rows = query.getResultList();
        boolean more = rows.size() > size;
        List<Ticket> shown = more ? rows.subList(0, size) : rows;
        return new TicketPage(shown.stream().map(this::view).toList(), more ? Paging.cursor(shown.getLast().createdAt, shown.getLast().id) : null);
    }

    private void timer(UUID ticketId, String kind, Instant due) {
        em.createNativeQuery("insert into sla_timer (ticket_id, kind, due_at) values (:t, :k, :d) on conflict (ticket_id, kind) do update set due_at = excluded.due_at")
                .setParameter("t", ticketId).setParameter("k", kind).setParameter("d", due).executeUpdate();
    }

    private void dropTimers(UUID ticketId, String target) {
        em.createNativeQuery("delete from sla_timer where ticket_id = :t and kind like :k").setParameter("t", ticketId)
                .setParameter("k", target + "-%").executeUpdate();
    }

    private Ticket findVisible(UUID id) {
        Ticket t = em.find(Ticket.class, id);
        if (t == null || !access.maySee(t.customerId)) {
            throw new ProblemException.NotFound("Ticket", id);
        }
        return t;
    }

    private static String line(Ticket t) {
        String type = t.type.apiName();
        String line = Character.toUpperCase(type.charAt(0)) + type.substring(1) + ": " + t.subject + " — " + t.status.apiName()
                + (t.firstResponseBreached || t.resolutionBreached ? ", SLA breached" : "");
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private TicketView view(Ticket t) {
        return new TicketView(t.id, t.customerId, t.type, t.priority, t.channel, t.subject, t.description, t.status, t.assigneeId, t.teamId,
                new TicketView.Sla(t.slaPolicyId, t.firstResponseDueAt, t.resolutionDueAt, t.firstResponseBreached, t.resolutionBreached,
                        t.pausedSince != null),
                t.escalatedTo, t.version, t.createdAt, t.updatedAt, t.resolvedAt, t.closedAt);
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "/problems/conflict", "Status change not allowed", detail,
                List.of(new Problem.FieldError("status", detail)), Map.of());
    }
}
