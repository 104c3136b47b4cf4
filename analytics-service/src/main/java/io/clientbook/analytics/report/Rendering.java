package io.clientbook.analytics.report;

import io.clientbook.analytics.report.dto.Reports;
import io.clientbook.platform.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Turns a report into the representation the caller asked for: JSON, a CSV table or an SVG chart. */
final class Rendering {

    private static final MediaType CSV = MediaType.valueOf(ReportResource.CSV);
    private static final MediaType SVG = MediaType.valueOf(ReportResource.SVG);

    private Rendering() {
    }

    static Response distribution(Reports.Distribution d, HttpHeaders headers) {
        return respond(d, headers, () -> {
            List<List<Object>> rows = new ArrayList<>();
            d.items().forEach(s -> rows.add(List.of(s.name(), s.customers(), s.customerShare(), s.revenue(), s.revenueShare())));
            return new Table(List.of(singular(d.report()), "customers", "customerShare", "revenue", "revenueShare"), rows);
        }, () -> SvgChart.bars("Revenue by " + singular(d.report()) + " (" + d.currency() + ")",
                d.items().stream().map(Reports.Share::name).toList(), d.items().stream().map(Reports.Share::revenue).toList(), d.currency()));
    }

    static Response churn(Reports.Churn c, HttpHeaders headers) {
        return respond(c, headers, () -> new Table(List.of("month", "activeAtStart", "churned", "churnRate"),
                        c.items().stream().map(m -> List.<Object>of(m.month(), m.activeAtStart(), m.churned(), nullable(m.churnRate()))).toList()),
                () -> SvgChart.lines("Churn rate by month (%)", c.items().stream().map(Reports.ChurnMonth::month).toList(),
                        List.of(new SvgChart.Series("churn rate", c.items().stream()
                                .map(m -> m.churnRate() == null ? null : m.churnRate() * 100).toList())), "%"));
    }

    static Response cohorts(Reports.Cohorts c, HttpHeaders headers) {
        int width = c.items().stream().mapToInt(i -> i.retention().size()).max().orElse(0);
        return respond(c, headers, () -> {
            List<String> columns = new ArrayList<>(List.of("cohort", "customers"));
            IntStream.range(0, width).forEach(k -> columns.add("month" + k));
            List<List<Object>> rows = new ArrayList<>();
            for (Reports.Cohort cohort : c.items()) {
                List<Object> row = new ArrayList<>(List.of(cohort.cohort(), cohort.customers()));
                for (int k = 0; k < width; k++) {
                    row.add(k < cohort.retention().size() ? cohort.retention().get(k) : "");
                }
                rows.add(row);
            }
            return new Table(columns, rows);
        }, () -> SvgChart.grid("Retention by first-purchase month", c.items().stream().map(Reports.Cohort::cohort).toList(),
                IntStream.range(0, width).mapToObj(Integer::toString).toList(),
                c.items().stream().map(Reports.Cohort::retention).toList()));
    }

    static Response clv(Reports.Clv c, HttpHeaders headers) {
        List<String> labels = c.buckets().stream().map(b -> b.to() == null ? "≥ " + (long) b.from() : (long) b.from() + "–" + b.to().longValue())
                .toList();
        return respond(c, headers, () -> new Table(List.of("from", "to", "customers", "clv"),
                        c.buckets().stream().map(b -> List.<Object>of(b.from(), nullable(b.to()), b.customers(), b.clv())).toList()),
                () -> SvgChart.bars("Customers by CLV (" + c.currency() + ")", labels,
                        c.buckets().stream().map(b -> (double) b.customers()).toList(), "customers"));
    }

    static Response satisfaction(Reports.Satisfaction s, HttpHeaders headers) {
        return respond(s, headers, () -> new Table(List.of("month", "npsResponses", "nps", "csatResponses", "csat", "csatAverage"),
                        s.items().stream().map(m -> List.<Object>of(m.month(), m.npsResponses(), nullable(m.nps()), m.csatResponses(),
                                nullable(m.csat()), nullable(m.csatAverage()))).toList()),
                () -> SvgChart.lines("NPS and CSAT by month", s.items().stream().map(Reports.SatisfactionMonth::month).toList(),
                        List.of(new SvgChart.Series("NPS", s.items().stream().map(Reports.SatisfactionMonth::nps).toList()),
                                new SvgChart.Series("CSAT %", s.items().stream().map(Reports.SatisfactionMonth::csat).toList())), "score"));
    }

    static Response annualCustomer(Reports.AnnualCustomer r, HttpHeaders headers) {
        return respond(r, headers, () -> {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("orders", r.orders().count()));
            rows.add(List.of("spend", r.orders().spend()));
            rows.add(List.of("previousYearOrders", r.orders().previousYearCount()));
            rows.add(List.of("previousYearSpend", r.orders().previousYearSpend()));
            rows.add(List.of("spendChange", nullable(r.orders().spendChange())));
            rows.add(List.of("tierAtYearEnd", nullable(r.tierAtYearEnd())));
            rows.add(List.of("segmentAtYearEnd", nullable(r.segmentAtYearEnd())));
            rows.add(List.of("interactions", r.interactions().total()));
            r.interactions().byChannel().forEach((channel, n) -> rows.add(List.of("interactions." + channel, n)));
            rows.add(List.of("ticketsOpened", r.tickets().opened()));
            rows.add(List.of("ticketsResolved", r.tickets().resolved()));
            rows.add(List.of("ticketsResolvedWithinSla", r.tickets().resolvedWithinSla()));
            rows.add(List.of("slaBreaches", r.tickets().slaBreaches()));
            rows.add(List.of("npsAverage", nullable(r.satisfaction().npsAverage())));
            rows.add(List.of("csatAverage", nullable(r.satisfaction().csatAverage())));
            rows.add(List.of("clv", nullable(r.clv().value())));
            return new Table(List.of("figure", "value"), rows);
        }, null);
    }

    static Response annualBook(Reports.AnnualBook r, HttpHeaders headers) {
        return respond(r, headers, () -> {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("customers", "active", r.customers().active(), ""));
            rows.add(List.of("customers", "new", r.customers().newCustomers(), ""));
            rows.add(List.of("customers", "retained", r.customers().retained(), ""));
            rows.add(List.of("customers", "reactivated", r.customers().reactivated(), ""));
            rows.add(List.of("customers", "lost", r.customers().lost(), ""));
            rows.add(List.of("revenue", "total", r.revenue().total(), ""));
            rows.add(List.of("revenue", "previousYear", r.revenue().previousYear(), ""));
            r.revenue().byTier().forEach(t -> rows.add(List.of("revenueByTier", t.name(), t.revenue(), t.customers())));
            r.topCustomers().forEach(t -> rows.add(List.of("topCustomer", t.customerId(), t.revenue(), t.orders())));
            r.tierMovements().forEach(m -> rows.add(List.of("tierMovement", m.from() + " -> " + m.to(), m.customers(), "")));
            return new Table(List.of("section", "name", "value", "count"), rows);
        }, null);
    }

    /** JSON unless the caller prefers CSV or (where offered) SVG; 406 for anything else. */
    private static Response respond(Object json, HttpHeaders headers, Supplier<Table> table, Supplier<String> chart) {
        for (MediaType wanted : headers.getAcceptableMediaTypes()) {
            if (wanted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
            }
            if (wanted.isCompatible(CSV)) {
                return Response.ok(table.get().csv(), "text/csv; charset=UTF-8").build();
            }
            if (chart != null && wanted.isCompatible(SVG)) {
                return Response.ok(chart.get(), SVG).build();
            }
        }
        throw new ProblemException(406, "/problems/not-acceptable", "Not acceptable",
                "This report comes as application/json or text/csv" + (chart == null ? "" : " or image/svg+xml"), List.of(),
                java.util.Map.of());
    }

    private static Object nullable(Object value) {
        return value == null ? "" : value;
    }

    private static String singular(String report) {
        return switch (report) {
            case "segments" -> "segment";
            case "tiers" -> "tier";
            default -> "class";
        };
    }
}
