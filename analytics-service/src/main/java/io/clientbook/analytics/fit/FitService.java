package io.clientbook.analytics.fit;

import io.clientbook.analytics.fit.dto.FitRequest;
import io.clientbook.analytics.fit.dto.FitView;
import io.clientbook.analytics.fit.dto.FittedModel;
import io.clientbook.analytics.model.BgNbd;
import io.clientbook.analytics.model.Fit;
import io.clientbook.analytics.model.GammaGamma;
import io.clientbook.analytics.model.ParetoNbd;
import io.clientbook.analytics.model.Population;
import io.clientbook.analytics.model.SpendPopulation;
import io.clientbook.analytics.model.TimeUnit;
import io.clientbook.analytics.projection.CurrencyConfig;
import io.clientbook.analytics.projection.Book;
import io.clientbook.analytics.projection.CustomerSummary;
import io.clientbook.analytics.projection.PurchaseSummaries;
import io.clientbook.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Runs model fits: records the request, summarises the population from the purchase projection as of the
 * calibration end, maximises the likelihood and stores the estimate with its inputs. Fits run one at a time
 * on their own thread; a caller waits for a short one and gets a status resource for a long one.
 */
@ApplicationScoped
public class FitService {

    private static final Logger LOG = Logger.getLogger(FitService.class);

    private final ModelFitRepository fits;
    private final PurchaseSummaries summaries;
    private final CurrencyConfig currency;
    private final FitConfig config;
    private final Event<FitCompleted> completed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("model-fits").daemon().factory());

    FitService(ModelFitRepository fits, PurchaseSummaries summaries, CurrencyConfig currency, FitConfig config, Event<FitCompleted> completed) {
        this.fits = fits;
        this.summaries = summaries;
        this.currency = currency;
        this.config = config;
        this.completed = completed;
    }

    /** What {@link #request} did: the fit, and whether it finished before the answer. */
    public record Requested(FitView fit, boolean finished) {
    }

    public Requested request(FitRequest request, String requestedBy) {
        if (request.calibrationEnd().isAfter(LocalDate.now(Clock.systemUTC()))) {
            throw new ProblemException.Invalid("calibrationEnd", "must not be in the future");
        }
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            ModelFit fit = new ModelFit();
            fit.id = UUID.randomUUID();
            fit.model = request.model().apiName();
            fit.version = fits.nextVersion(fit.model);
            fit.calibrationEnd = request.calibrationEnd();
            fit.timeUnit = request.timeUnitOrDefault().apiName();
            fit.state = "running";
            fit.inputs = new LinkedHashMap<>(Map.of("model", fit.model, "calibrationEnd", fit.calibrationEnd.toString(),
                    "timeUnit", fit.timeUnit));
            fit.requestedBy = requestedBy;
            fit.createdAt = Instant.now();
            fits.persist(fit);
            return fit.id;
        });
        Future<?> running = worker.submit(() -> run(id));
        try {
            running.get(config.answerWithin().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return new Requested(get(id), true);
        } catch (TimeoutException stillRunning) {
            return new Requested(get(id), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Requested(get(id), false);
        } catch (ExecutionException e) {
            return new Requested(get(id), true); // run() records its own failure
        }
    }

    public FitView get(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> fits.findByIdOptional(id).map(FitService::view)
                .orElseThrow(() -> new ProblemException.NotFound("Model fit", id)));
    }

    /** A completed fit to score with; 404 for an unknown fit, 409 for one not completed. */
    public FittedModel fitted(UUID id) {
        ModelFit fit = QuarkusTransaction.joiningExisting().call(() -> fits.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException.NotFound("Model fit", id)));
        if (!"completed".equals(fit.state)) {
            throw new ProblemException.Conflict("Model fit " + id + " is " + fit.state + "; scores need a completed fit");
        }
        return fitted(fit);
    }

    /** The latest completed fit of a model. */
    public Optional<FittedModel> latest(String model) {
        return QuarkusTransaction.joiningExisting().call(() -> fits.latestCompleted(model).map(FitService::fitted));
    }

    /** The latest completed fit of a model on the same calibration end and time unit as {@code other}. */
    public Optional<FittedModel> companion(FittedModel other, String model) {
        return QuarkusTransaction.joiningExisting().call(() ->
                fits.latestCompleted(model, other.calibrationEnd(), other.timeUnit().apiName()).map(FitService::fitted));
    }

    private void run(UUID id) {
        try {
            ModelFit request = QuarkusTransaction.requiringNew().call(() -> fits.findById(id));
            Populations populations = read(request.calibrationEnd, TimeUnit.parse(request.timeUnit));
            complete(id, fit(request.model, populations), populations);
            completed.fireAsync(new FitCompleted(id, request.model));
        } catch (RuntimeException e) {
            fail(id, e);
        }
    }

    /**
     * Refits the purchase model and Gamma-Gamma on the book as of {@code calibrationEnd} (days, read once by the
     * caller), as a rescoring job does before it rescores everyone; announces nothing, the job rescores itself.
     * Returns how many customers the population had (0: nothing fitted).
     */
    public long refit(String purchaseModel, LocalDate calibrationEnd, Book book, String requestedBy) {
        Populations populations = populations(book, TimeUnit.DAYS);
        if (populations.customers().customers() == 0) {
            return 0;
        }
        for (String model : List.of(purchaseModel, GammaGamma.NAME)) {
            if (GammaGamma.NAME.equals(model) && populations.repeatCustomers().customers() == 0) {
                continue;
            }
            UUID id = QuarkusTransaction.requiringNew().call(() -> {
                ModelFit fit = new ModelFit();
                fit.id = UUID.randomUUID();
                fit.model = model;
                fit.version = fits.nextVersion(model);
                fit.calibrationEnd = calibrationEnd;
                fit.timeUnit = TimeUnit.DAYS.apiName();
                fit.state = "running";
                fit.inputs = new LinkedHashMap<>(Map.of("model", model, "calibrationEnd", calibrationEnd.toString(),
                        "timeUnit", fit.timeUnit, "trigger", "rescoring"));
                fit.requestedBy = requestedBy;
                fit.createdAt = Instant.now();
                fits.persist(fit);
                return fit.id;
            });
            try {
                complete(id, fit(model, populations), populations);
            } catch (RuntimeException e) {
                fail(id, e);
                throw e;
            }
        }
        return populations.customers().customers();
    }

    /** The population as of a calibration end, read once, with a digest of what was read. */
    private record Populations(Population customers, SpendPopulation repeatCustomers, String digest) {
    }

    private Populations read(LocalDate calibrationEnd, TimeUnit unit) {
        Summariser summariser = new Summariser(unit);
        QuarkusTransaction.requiringNew().run(() -> summaries.forEach(calibrationEnd, config.readChunk(), page -> page.forEach(summariser::add)));
        return summariser.populations();
    }

    private static Populations populations(Book book, TimeUnit unit) {
        Summariser summariser = new Summariser(unit);
        for (int i = 0; i < book.size(); i++) {
            summariser.add(book.get(i));
        }
        return summariser.populations();
    }

    /** Builds both populations and the digest of what they saw, customer by customer in id order. */
    private static final class Summariser {
        private final Population.Builder population;
        private final SpendPopulation.Builder spend = SpendPopulation.builder();
        private final MessageDigest digest = sha256();
        private final ByteBuffer row = ByteBuffer.allocate(40);

        Summariser(TimeUnit unit) {
            population = Population.builder(unit);
        }

        void add(CustomerSummary s) {
            population.add(s.repeatPurchases(), s.recencyDays(), s.ageDays());
            spend.add(s.repeatPurchases(), s.averageRepeatSpend() == null ? 0 : s.averageRepeatSpend());
            row.clear().putLong(s.customerId().getMostSignificantBits()).putLong(s.customerId().getLeastSignificantBits())
                    .putInt(s.repeatPurchases()).putInt(s.recencyDays()).putInt(s.ageDays())
                    .putDouble(s.averageRepeatSpend() == null ? 0 : s.averageRepeatSpend());
            digest.update(row.array(), 0, row.position());
        }

        Populations populations() {
            return new Populations(population.build(), spend.build(), HexFormat.of().formatHex(digest.digest()));
        }
    }

    private static Fit<?> fit(String model, Populations populations) {
        return switch (model) {
            case BgNbd.NAME -> BgNbd.fit(populations.customers());
            case ParetoNbd.NAME -> ParetoNbd.fit(populations.customers());
            case GammaGamma.NAME -> GammaGamma.fit(populations.repeatCustomers());
            default -> throw new IllegalStateException("unknown model " + model);
        };
    }

    private void complete(UUID id, Fit<?> fit, Populations populations) {
        Map<String, Double> parameters = switch (fit.model()) {
            case BgNbd m -> m.parameters();
            case ParetoNbd m -> m.parameters();
            case GammaGamma m -> m.parameters();
            default -> throw new IllegalStateException();
        };
        QuarkusTransaction.requiringNew().run(() -> {
            ModelFit stored = fits.findById(id);
            stored.state = "completed";
            stored.population = fit.population();
            stored.parameters = parameters;
            stored.logLikelihood = fit.logLikelihood();
            stored.converged = fit.converged();
            stored.evaluations = fit.evaluations();
            Map<String, Object> inputs = new LinkedHashMap<>(stored.inputs);
            inputs.put("customers", populations.customers().customers());
            inputs.put("customersWithRepeatPurchases", populations.repeatCustomers().customers());
            inputs.put("reportingCurrency", currency.reporting());
            inputs.put("exchangeRates", currency.rates());
            inputs.put("summariesSha256", populations.digest());
            stored.inputs = inputs;
            stored.completedAt = Instant.now();
        });
    }

    private void fail(UUID id, RuntimeException e) {
        LOG.errorf("Model fit %s failed: %s", id, e.getClass().getSimpleName());
        QuarkusTransaction.requiringNew().run(() -> {
            ModelFit stored = fits.findById(id);
            stored.state = "failed";
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            stored.failure = message.length() > 500 ? message.substring(0, 500) + "…" : message;
            stored.completedAt = Instant.now();
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FitView view(ModelFit f) {
        return new FitView(f.id, f.model, f.version, f.state, f.calibrationEnd, f.timeUnit, f.population, f.parameters,
                f.logLikelihood, f.converged, f.evaluations, f.inputs, f.failure, f.createdAt, f.completedAt);
    }

    private static FittedModel fitted(ModelFit f) {
        return new FittedModel(f.id, f.model, f.version, f.calibrationEnd, TimeUnit.parse(f.timeUnit), f.parameters);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
