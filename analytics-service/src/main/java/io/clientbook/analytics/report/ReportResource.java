package io.clientbook.analytics.report;

import io.clientbook.analytics.report.dto.Reports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Reports as JSON, as CSV ({@code Accept: text/csv}) and, for distributions and trends, as SVG charts
 * ({@code Accept: image/svg+xml}).
 */
@Path("/api/v1/analytics/reports")
@Tag(name = "Reports", description = "Segments, tiers, ABC, churn, cohorts, CLV, satisfaction and annual reports (JSON, CSV, SVG)")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV, ReportResource.SVG})
public class ReportResource {

    static final String CSV = "text/csv";
    static final String SVG = "image/svg+xml";

    private final ReportService reports;

    ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/segments")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Customers and revenue by RFM segment")
    @APIResponse(responseCode = "200", description = "The distribution (JSON, CSV or an SVG bar chart)")
    public Response segments(@Context HttpHeaders headers) {
        return Rendering.distribution(reports.distribution("segments"), headers);
    }

    @GET
    @Path("/tiers")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Customers and revenue by value tier")
    @APIResponse(responseCode = "200", description = "The distribution (JSON, CSV or an SVG bar chart)")
    public Response tiers(@Context HttpHeaders headers) {
        return Rendering.distribution(reports.distribution("tiers"), headers);
    }

    @GET
    @Path("/abc")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Customers and revenue by ABC class", description = "With the smallest spend of class A and B (floors).")
    @APIResponse(responseCode = "200", description = "The distribution (JSON, CSV or an SVG bar chart)")
    public Response abc(@Context HttpHeaders headers) {
        return Rendering.distribution(reports.distribution("abc"), headers);
    }

    @GET
    @Path("/churn")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Churn rate by month", description = """
            Of the customers active when a month began (a purchase within the churn window before it), the share whose
            window ran out during the month. Default: the last twelve months.""")
    @APIResponse(responseCode = "200", description = "The trend (JSON, CSV or an SVG line chart)")
    @APIResponse(responseCode = "400", description = "from or to is not a month (YYYY-MM), or from is after to")
    public Response churn(@Parameter(description = "First month, YYYY-MM") @QueryParam("from") String from,
                          @Parameter(description = "Last month, YYYY-MM") @QueryParam("to") String to, @Context HttpHeaders headers) {
        return Rendering.churn(reports.churn(from, to), headers);
    }

    @GET
    @Path("/cohorts")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "Retention matrix by first-purchase month", description = "Default: cohorts of the last twelve months.")
    @APIResponse(responseCode = "200", description = "The matrix (JSON, CSV or an SVG grid)")
    @APIResponse(responseCode = "400", description = "from or to is not a month (YYYY-MM)")
    public Response cohorts(@QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        return Rendering.cohorts(reports.cohorts(from, to), headers);
    }

    @GET
    @Path("/clv")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "CLV distribution", description = "Total, mean, median, customers per band and per CLV bucket.")
    @APIResponse(responseCode = "200", description = "The distribution (JSON, CSV or an SVG bar chart)")
    public Response clv(@Context HttpHeaders headers) {
        return Rendering.clv(reports.clv(), headers);
    }

    @GET
    @Path("/satisfaction")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "NPS and CSAT by month", description = "From the survey answers interaction-service publishes. Default: the last twelve months.")
    @APIResponse(responseCode = "200", description = "The trend (JSON, CSV or an SVG line chart)")
    @APIResponse(responseCode = "400", description = "from or to is not a month (YYYY-MM)")
    public Response satisfaction(@QueryParam("from") String from, @QueryParam("to") String to, @Context HttpHeaders headers) {
        return Rendering.satisfaction(reports.satisfaction(from, to), headers);
    }

    @GET
    @Path("/customers/{id}/annual/{year}")
    @RolesAllowed({"admin", "manager", "analyst", "sales"})
    @Operation(summary = "A customer's annual report", description = """
            Orders and spend against the year before, tier and segment history, interactions by channel, tickets and SLA
            results, satisfaction answers and the current CLV, with the customers merged into it. A seller reads only
            their own customers' reports (others are 404).""")
    @APIResponse(responseCode = "200", description = "The report (JSON or CSV)")
    @APIResponse(responseCode = "400", description = "year is not a year")
    @APIResponse(responseCode = "404", description = "Unknown customer, one the caller may not see, or a merged one (with mergedInto)")
    public Response customerYear(@PathParam("id") UUID id, @PathParam("year") String year, @Context HttpHeaders headers) {
        return Rendering.annualCustomer(reports.annualCustomer(id, year), headers);
    }

    @GET
    @Path("/annual/{year}")
    @RolesAllowed({"admin", "manager", "analyst"})
    @Operation(summary = "The annual book report", description = """
            New, retained, reactivated and lost customers; revenue against the year before and by tier at the year's end;
            the top customers; how many customers moved from which tier to which during the year.""")
    @APIResponse(responseCode = "200", description = "The report (JSON or CSV)")
    @APIResponse(responseCode = "400", description = "year is not a year, or top is out of range")
    public Response bookYear(@PathParam("year") String year,
                             @Parameter(description = "How many top customers (1-100, default 10)") @QueryParam("top") Integer top,
                             @Context HttpHeaders headers) {
        int count = top == null ? 10 : top;
        if (count < 1 || count > 100) {
            throw new io.clientbook.platform.problem.ProblemException.Invalid("top", "must be between 1 and 100");
        }
        Reports.AnnualBook report = reports.annualBook(year, count);
        return Rendering.annualBook(report, headers);
    }
}
