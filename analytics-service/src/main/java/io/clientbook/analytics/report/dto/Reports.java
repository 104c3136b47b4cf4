package io.clientbook.analytics.report.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The report bodies of {@code /api/v1/analytics/reports/…} (JSON; the same tables as CSV, charts as SVG). */
public final class Reports {

    private Reports() {
    }

    /** How customers and revenue divide over the classes of one kind (segments, tiers, ABC classes). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Distribution(
            @Schema(description = "segments, tiers or abc") String report,
            Instant asOf, String currency,
            @Schema(description = "Customers analytics knows (merged ones excluded)") long customers,
            @Schema(description = "All-time revenue of those customers in the reporting currency: the sum of their counted orders")
            double revenue,
            List<Share> items,
            @Schema(description = "ABC only: the smallest spend in class A and in class B") Map<String, Double> floors) {
    }

    /** One class: its customers and revenue, and their shares of the whole (0–1). */
    public record Share(String name, long customers, double customerShare, double revenue, double revenueShare) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Churn(Instant asOf,
                        @Schema(description = "A customer churns on the day this many days after a purchase with no purchase since") int churnedAfterDays,
                        List<ChurnMonth> items) {
    }

    /**
     * @param activeAtStart customers with a purchase within the churn window before the month began
     * @param churned       of them, those whose window ran out during the month (up to today)
     * @param churnRate     churned / activeAtStart; null without active customers
     */
    public record ChurnMonth(String month, long activeAtStart, long churned, Double churnRate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Cohorts(Instant asOf, List<Cohort> items) {
    }

    /**
     * @param retention share of the cohort buying again in each month since the first purchase month (index 0 = 1.0)
     */
    public record Cohort(String cohort, long customers, List<Double> retention) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Clv(Instant asOf, String currency, long customers, double total, Double mean, Double median,
                      @Schema(description = "Customers per CLV band (low, medium, high)") Map<String, Long> bands,
                      List<Bucket> buckets) {
    }

    /** Customers whose CLV is at least {@code from} and below {@code to} (null: no upper bound). */
    public record Bucket(double from, Double to, long customers, double clv) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Satisfaction(Instant asOf, List<SatisfactionMonth> items) {
    }

    /**
     * @param nps  (promoters 9–10 − detractors 0–6) / answers × 100; null without NPS answers
     * @param csat share of CSAT answers 4–5, in per cent; null without CSAT answers
     */
    public record SatisfactionMonth(String month, long npsResponses, Double nps, long csatResponses, Double csat,
                                    Double csatAverage) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AnnualCustomer(UUID customerId, int year, String currency, Orders orders, List<ClassChange> tierHistory,
                                 List<ClassChange> segmentHistory, String tierAtYearEnd, String segmentAtYearEnd,
                                 Interactions interactions, Tickets tickets, SurveyAnswers satisfaction, CurrentValue clv) {
    }

    /**
     * @param countChange  (count − previous) / previous; null when there was nothing the year before
     * @param spendChange  likewise for spend
     */
    public record Orders(long count, double spend, long previousYearCount, double previousYearSpend, Double countChange,
                         Double spendChange) {
    }

    public record ClassChange(Instant at, String from, String to) {
    }

    public record Interactions(long total, Map<String, Long> byChannel) {
    }

    public record Tickets(long opened, long resolved, long resolvedWithinSla, long slaBreaches) {
    }

    public record SurveyAnswers(long npsResponses, Double npsAverage, long csatResponses, Double csatAverage) {
    }

    public record CurrentValue(Double value, String band, LocalDate asOf) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AnnualBook(int year, String currency, BookCustomers customers, BookRevenue revenue, List<TopCustomer> topCustomers,
                             List<Movement> tierMovements) {
    }

    /**
     * @param active      customers with a purchase in the year
     * @param retained    active this year and the year before
     * @param reactivated active this year, not the year before, but earlier
     * @param lost        active the year before, not this year
     */
    public record BookCustomers(long active, long newCustomers, long retained, long reactivated, long lost) {
    }

    public record BookRevenue(double total, double previousYear, Double change, List<Share> byTier) {
    }

    public record TopCustomer(UUID customerId, List<Map<String, String>> externalIds, long orders, double revenue) {
    }

    /** Customers whose tier at the start of the year was {@code from} and at its end {@code to} ("none": no tier). */
    public record Movement(String from, String to, long customers) {
    }
}
