package io.clientbook.interaction.survey;

import io.clientbook.events.interaction.SurveyResponded;
import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.care.CustomerAccess;
import io.clientbook.interaction.care.CustomerProfile;
import io.clientbook.interaction.care.CustomerProfiles;
import io.clientbook.interaction.followup.FollowUpService;
import io.clientbook.interaction.followup.FollowUpType;
import io.clientbook.interaction.interaction.Channel;
import io.clientbook.interaction.survey.dto.ResponseInput;
import io.clientbook.interaction.survey.dto.ResponseView;
import io.clientbook.interaction.survey.dto.SatisfactionSummary;
import io.clientbook.interaction.survey.dto.SurveyInput;
import io.clientbook.interaction.survey.dto.SurveyView;
import io.clientbook.interaction.ticket.TicketPriority;
import io.clientbook.interaction.ticket.TicketService;
import io.clientbook.interaction.ticket.TicketType;
import io.clientbook.interaction.ticket.dto.TicketInput;
import io.clientbook.interaction.timeline.TimelineKind;
import io.clientbook.interaction.timeline.TimelineService;
import io.clientbook.platform.outbox.Outbox;
import io.clientbook.platform.problem.Problem;
import io.clientbook.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Satisfaction: survey definitions, responses (each on the timeline and published as survey.responded), the
 * work a detractor opens, and NPS/CSAT summaries.
 */
@ApplicationScoped
public class SurveyService {

    private static final Set<String> GROUPS = Set.of("tier", "segment", "channel");

    private final EntityManager em;
    private final TimelineService timeline;
    private final CustomerProfiles profiles;
    private final FollowUpService followUps;
    private final TicketService tickets;
    private final CustomerAccess access;
    private final Outbox outbox;
    private final CareClock clock;

    SurveyService(EntityManager em, TimelineService timeline, CustomerProfiles profiles, FollowUpService followUps, TicketService tickets,
                  CustomerAccess access, Outbox outbox, CareClock clock) {
        this.em = em;
        this.timeline = timeline;
        this.profiles = profiles;
        this.followUps = followUps;
        this.tickets = tickets;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public SurveyView create(SurveyInput input) {
        if (!em.createQuery("select s.id from Survey s where lower(s.name) = :n", UUID.class)
                .setParameter("n", input.name().trim().toLowerCase(Locale.ROOT)).getResultList().isEmpty()) {
            throw new ProblemException(409, "/problems/conflict", "Name taken", "Another survey is called " + input.name().trim(),
                    List.of(new Problem.FieldError("name", "is taken")), Map.of());
        }
        Survey s = new Survey();
        s.id = UUID.randomUUID();
        s.name = input.name().trim();
        s.kind = input.kind();
        s.questions = input.questions() == null ? List.of() : List.copyOf(input.questions());
        s.createdAt = clock.now();
        s.updatedAt = s.createdAt;
        em.persist(s);
        em.flush();
        return view(s);
    }

    public List<SurveyView> surveys() {
        return em.createQuery("select s from Survey s order by lower(s.name)", Survey.class).getResultList().stream().map(SurveyService::view).toList();
    }

    public SurveyView get(UUID id) {
        Survey s = em.find(Survey.class, id);
        if (s == null) {
            throw new ProblemException.NotFound("Survey", id);
        }
        return view(s);
    }

    /**
     * Stores an answer. A detractor (NPS ≤ 6, CSAT ≤ 2) opens work for the customer's owner: a high-priority
     * complaint ticket when the answer is about a complaint, otherwise a callback due the next day.
     */
    @Transactional
    public ResponseView respond(ResponseInput input) {
        Survey survey = em.find(Survey.class, input.surveyId());
        if (survey == null) {
            throw new ProblemException.Invalid("surveyId", "no such survey");
        }
        if (input.score() < survey.kind.min || input.score() > survey.kind.max) {
            throw new ProblemException.Invalid("score", "must be between " + survey.kind.min + " and " + survey.kind.max + " for a "
                    + survey.kind.apiName() + " survey");
        }
        UUID customerId = timeline.currentCustomer(input.customerId());
        CustomerProfile profile = profiles.find(customerId).orElse(null);
        access.requireVisible(customerId);
        var ticket = input.ticketId() == null ? null : tickets.facts(input.ticketId())
                .orElseThrow(() -> new ProblemException.Invalid("ticketId", "no such ticket"));
        Instant now = clock.now();
        Instant at = input.respondedAt() == null ? now : input.respondedAt();
        if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new ProblemException.Invalid("respondedAt", "must not be in the future");
        }
        boolean detractor = input.score() <= survey.kind.detractorUpTo;
        Channel channel = input.channel() != null ? input.channel() : ticket == null ? null : ticket.channel();
        UUID id = UUID.randomUUID();
        String line = survey.kind.name() + " " + input.score() + (detractor ? " — detractor" : "")
                + (input.comment() == null || input.comment().isBlank() ? "" : ": " + input.comment());
        UUID landed = timeline.record(id, input.customerId(), TimelineKind.SURVEY_RESPONSE, "survey." + survey.kind.apiName(), at,
                line.length() > 500 ? line.substring(0, 500) : line);
        UUID followUp = null;
        UUID openedTicket = null;
        if (detractor) {
            String what = survey.name + ": " + survey.kind.name() + " " + input.score();
            if (ticket != null && ticket.type() == TicketType.COMPLAINT) {
                String owner = profile == null ? null : profile.ownerId();
                openedTicket = tickets.open(new TicketInput(landed, TicketType.COMPLAINT, TicketPriority.HIGH, channel,
                        "Still unhappy after a complaint (" + what + ")", input.comment(), owner, null), "survey:" + id).id();
            } else {
                followUp = followUps.createForOwner(landed, FollowUpType.CALLBACK, Channel.PHONE, at.plus(Duration.ofDays(1)),
                        "Detractor: " + what + (input.comment() == null ? "" : " — " + input.comment()), "survey:" + id);
            }
        }
        em.createNativeQuery("""
                        insert into survey_response (id, survey_id, customer_id, score, comment, ticket_id, order_id, channel, tier, segment, detractor,
                                                     follow_up_id, opened_ticket_id, responded_at, created_at)
                        values (:id, :survey, :customer, :score, :comment, :ticket, :order, :channel, :tier, :segment, :detractor,
                                :followUp, :openedTicket, :at, :now)""")
                .setParameter("id", id).setParameter("survey", survey.id).setParameter("customer", landed).setParameter("score", input.score())
                .setParameter("comment", input.comment()).setParameter("ticket", input.ticketId()).setParameter("order", input.orderId())
                .setParameter("channel", channel == null ? null : channel.apiName())
                .setParameter("tier", profile == null ? null : profile.tier()).setParameter("segment", profile == null ? null : profile.segment())
                .setParameter("detractor", detractor).setParameter("followUp", followUp).setParameter("openedTicket", openedTicket)
                .setParameter("at", at).setParameter("now", now).executeUpdate();
        outbox.record(SurveyResponded.TYPE, landed.toString(), new SurveyResponded(id, survey.id, survey.kind.apiName(), landed, input.score(),
                detractor, input.ticketId(), input.orderId(), at));
        return new ResponseView(id, survey.id, landed, input.score(), input.comment(), input.ticketId(), input.orderId(),
                channel == null ? null : channel.apiName(), detractor, followUp, openedTicket, at);
    }

    /** NPS and CSAT of the responses in [from, to), overall and by tier, segment or channel. */
    public SatisfactionSummary summary(Instant from, Instant to, String groupBy) {
        Instant end = to == null ? clock.now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(365)) : from;
        if (!start.isBefore(end)) {
            throw new ProblemException.Invalid("from", "must be before to");
        }
        if (groupBy != null && !GROUPS.contains(groupBy)) {
            throw new ProblemException.Invalid("groupBy", "must be tier, segment or channel");
        }
        String key = groupBy == null ? "null::varchar" : "r." + groupBy;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select %s as k, s.kind, count(*) as n,
                               count(*) filter (where r.score >= case when s.kind = 'NPS' then 9 else 4 end) as high,
                               count(*) filter (where s.kind = 'NPS' and r.score between 7 and 8) as mid,
                               count(*) filter (where r.score <= case when s.kind = 'NPS' then 6 else 2 end) as low,
                               sum(r.score) as total
                          from survey_response r join survey s on s.id = r.survey_id
                         where r.responded_at >= :from and r.responded_at < :to
                         group by 1, 2 order by 1 nulls last""".formatted(key))
                .setParameter("from", start).setParameter("to", end).getResultList();
        Map<String, long[]> nps = new java.util.LinkedHashMap<>();
        Map<String, long[]> csat = new java.util.LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (Object[] row : rows) {
            String k = (String) row[0];
            if (!keys.contains(k)) {
                keys.add(k);
            }
            long[] counts = {((Number) row[2]).longValue(), ((Number) row[3]).longValue(), ((Number) row[4]).longValue(),
                    ((Number) row[5]).longValue(), ((Number) row[6]).longValue()};
            ("NPS".equals(row[1]) ? nps : csat).put(k, counts);
        }
        List<SatisfactionSummary.Group> groups = groupBy == null ? List.of()
                : keys.stream().map(k -> new SatisfactionSummary.Group(k, figures(nps.get(k), csat.get(k)))).toList();
        return new SatisfactionSummary(start, end, groupBy, figures(sum(nps.values()), sum(csat.values())), groups);
    }

    private static long[] sum(java.util.Collection<long[]> all) {
        long[] total = new long[5];
        all.forEach(c -> {
            for (int i = 0; i < 5; i++) {
                total[i] += c[i];
            }
        });
        return total;
    }

    /** counts: responses, high (promoters / satisfied), mid (passives), low (detractors), sum of scores. */
    private static SatisfactionSummary.Figures figures(long[] nps, long[] csat) {
        long[] n = nps == null ? new long[5] : nps;
        long[] c = csat == null ? new long[5] : csat;
        return new SatisfactionSummary.Figures(
                new SatisfactionSummary.Nps(n[0] == 0 ? null : round(100.0 * (n[1] - n[3]) / n[0]), n[0], n[1], n[2], n[3]),
                new SatisfactionSummary.Csat(c[0] == 0 ? null : round(100.0 * c[1] / c[0]), c[0] == 0 ? null : round((double) c[4] / c[0]),
                        c[0], c[1], c[3]));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static SurveyView view(Survey s) {
        return new SurveyView(s.id, s.name, s.kind, s.questions, s.version, s.createdAt);
    }
}
