package io.clientbook.analytics.customer;

import io.clientbook.analytics.projection.ReportingCurrency;
import io.clientbook.analytics.segment.ClassificationService;
import io.clientbook.analytics.segment.dto.CustomerClassesView;
import io.clientbook.analytics.customer.dto.CustomerAnalyticsView;
import io.clientbook.analytics.projection.CustomerProjectionService;
import io.clientbook.analytics.score.ScoreService;
import io.clientbook.analytics.score.dto.ScoredCustomerPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** A customer as analytics sees it: the projection's figures with the current scores. */
@ApplicationScoped
public class CustomerAnalyticsService {

    private final CustomerProjectionService projections;
    private final ScoreService scores;
    private final ClassificationService classes;
    private final ReportingCurrency currency;

    CustomerAnalyticsService(CustomerProjectionService projections, ScoreService scores, ClassificationService classes,
                             ReportingCurrency currency) {
        this.projections = projections;
        this.scores = scores;
        this.classes = classes;
        this.currency = currency;
    }

    /** 404 for a customer analytics does not know or the caller may not see; merged ones name their survivor. */
    @Transactional
    public CustomerAnalyticsView get(UUID customerId) {
        var figures = projections.get(customerId);
        var placed = classes.describe(customerId, currency.code());
        return new CustomerAnalyticsView(figures.customerId(), figures.customerSince(), figures.purchaseCount(), figures.totalSpent(),
                figures.firstPurchaseAt(), figures.lastPurchaseAt(), figures.updatedAt(), scores.current(customerId).orElse(null),
                placed.map(CustomerClassesView::rfm).orElse(null), placed.map(CustomerClassesView::segment).orElse(null),
                placed.map(CustomerClassesView::abc).orElse(null), placed.map(CustomerClassesView::tier).orElse(null),
                placed.map(CustomerClassesView::lifecycleStage).orElse(null));
    }

    @Transactional
    public ScoredCustomerPage list(String churnLevel, Double minClv, String sort, String cursor, Integer limit) {
        return scores.list(churnLevel, minClv, sort, cursor, limit);
    }
}
