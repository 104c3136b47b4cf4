package io.clientbook.customer.audit;

import io.clientbook.customer.audit.dto.AuditEventPage;
import io.clientbook.customer.audit.dto.AuditEventView;
import io.clientbook.customer.audit.dto.AuditQuery;
import io.clientbook.events.audit.AuditRecorded;
import io.clientbook.platform.persistence.Rows;
import io.clientbook.platform.web.Paging;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The suite's audit trail: stored as the events arrive, read by admins newest first. */
@ApplicationScoped
public class AuditTrail {

    private final EntityManager entityManager;

    AuditTrail(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Keeps one event; a redelivery of the same event id changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keep(UUID eventId, AuditRecorded event) {
        entityManager.createNativeQuery("""
                        insert into audit_event (id, service, actor, roles, action, outcome, resource_type, resource_id,
                                                 method, path, status, request_id, source_ip, at)
                        values (:id, :service, :actor, cast(:roles as text[]), :action, :outcome, :resourceType, :resourceId,
                                :method, :path, :status, :requestId, :sourceIp, :at)
                        on conflict (id) do nothing""")
                .setParameter("id", eventId)
                .setParameter("service", event.service())
                .setParameter("actor", event.actor())
                .setParameter("roles", "{" + String.join(",", event.roles() == null ? List.of() : event.roles()) + "}")
                .setParameter("action", event.action())
                .setParameter("outcome", event.outcome())
                .setParameter("resourceType", event.resourceType())
                .setParameter("resourceId", event.resourceId())
                .setParameter("method", event.method())
                .setParameter("path", event.path())
                .setParameter("status", event.status())
                .setParameter("requestId", event.requestId())
                .setParameter("sourceIp", event.sourceIp())
                .setParameter("at", event.at())
                .executeUpdate();
    }

    @Transactional
    public AuditEventPage list(AuditQuery query, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> parameters = new LinkedHashMap<>();
        filter(where, parameters, "actor", query.actor());
        filter(where, parameters, "action", query.action());
        filter(where, parameters, "outcome", query.outcome());
        filter(where, parameters, "service", query.service());
        filter(where, parameters, "resource_id", query.resourceId());
        if (query.from() != null) {
            where.append(" and at >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and at < :to");
            parameters.put("to", query.to());
        }
        if (cursor != null && !cursor.isBlank()) {
            String[] position = Paging.parts(cursor, 2);
            try {
                parameters.put("cursorAt", Instant.parse(position[0]));
                parameters.put("cursorId", UUID.fromString(position[1]));
            } catch (RuntimeException e) {
                throw Paging.invalidCursor();
            }
            where.append(" and (at, id) < (:cursorAt, :cursorId)");
        }
        var select = entityManager.createNativeQuery("""
                select id, at, service, actor, array_to_string(roles, ','), action, outcome, resource_type, resource_id,
                       method, path, status, request_id, source_ip
                  from audit_event""" + " " + where + " order by at desc, id desc limit :limit");
        parameters.forEach(select::setParameter);
        select.setParameter("limit", size + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<AuditEventView> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            String roles = (String) r[4];
            items.add(new AuditEventView((UUID) r[0], Rows.instant(r[1]), (String) r[2], (String) r[3],
                    roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), (String) r[5], (String) r[6],
                    (String) r[7], (String) r[8], (String) r[9], (String) r[10], ((Number) r[11]).intValue(), (String) r[12],
                    (String) r[13]));
        }
        String next = rows.size() > size ? Paging.cursor(items.getLast().at(), items.getLast().id()) : null;
        return new AuditEventPage(items, next);
    }

    private static void filter(StringBuilder where, Map<String, Object> parameters, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" and ").append(column).append(" = :").append(column);
            parameters.put(column, value);
        }
    }
}
