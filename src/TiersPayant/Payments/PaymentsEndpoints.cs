using System.Globalization;
using TiersPayant.Accounts.ApiClients;
using TiersPayant.Guard;
using TiersPayant.Security.Accounts.ApiClients;
using TiersPayant.Security.Guard;
using TiersPayant.Web.Problems;

namespace TiersPayant.Payments;

/// <summary>
/// <c>GET /api/v1/payments</c>, <c>GET /api/v1/payments/{paymentId}</c> and its CSV: the
/// practice's remittance statements for its software. Read with the <c>claims</c> scope: the
/// software that sends invoices reconciles their payment.
/// </summary>
internal static class PaymentsEndpoints
{
    public const string Path = "/payments";

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ListAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("ListPayments")
            .WithTags("Payments")
            .WithSummary("The practice's payments, newest first")
            .WithDescription("Each payment is one SEPA transfer (or a statement of rejections only, amount 0): its paymentId is the transfer's "
                + "end-to-end reference on the practice's bank statement. Filters: from and to (YYYY-MM-DD, Paris dates, inclusive); page (from 1) "
                + "and pageSize (1 to 100, default 20).")
            .Produces<RemittancePage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .NoPersonalData();
        endpoints.MapGet(Path + "/{paymentId}", ReadAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("GetPayment")
            .WithTags("Payments")
            .WithSummary("One remittance statement")
            .WithDescription("Every invoice the payment settles: paid (its insurer share), rejected (0, with the reason codes) or recovered "
                + "(a paid invoice cancelled since: minus its share), with the invoice's amounts. Filter: kind (paid, rejected, recovered). "
                + "Numbers, dates, domains and amounts only: never who the patient is.")
            .Produces<RemittanceStatement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .NoPersonalData();
        endpoints.MapGet(Path + "/{paymentId}/csv", CsvAsync)
            .RequireAuthorization(ApiClientPolicies.Scope(ApiClientScopes.Claims))
            .WithName("GetPaymentCsv")
            .WithTags("Payments")
            .WithSummary("One remittance statement as CSV")
            .WithDescription("UTF-8 with a byte-order mark, ';' separated, amounts in euros with a decimal comma; one row per invoice.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresPracticeSoftwareToken(ApiClientScopes.Claims)
            .NoPersonalData();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, Actors actors, Remittances remittances, string? from, string? to, string? page, string? pageSize, CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var start = Date(from, "from", errors);
        var end = Date(to, "to", errors);
        var number = Number(page, "page", 1, int.MaxValue / Remittances.MaxPageSize, 1, errors);
        var size = Number(pageSize, "pageSize", 1, Remittances.MaxPageSize, 20, errors);
        if (start > end)
        {
            errors["to"] = ["must not be before from"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: "The request has invalid fields.");
        }

        return await actors.OfAsync(context, Channels.Api, cancellation) is not { } actor
            ? GuardProblems.NoActor()
            : TypedResults.Ok(await remittances.ListAsync(actor.PracticeId, start, end, number, size, cancellation));
    }

    private static async Task<IResult> ReadAsync(string paymentId, string? kind, HttpContext context, Actors actors, Remittances remittances, CancellationToken cancellation)
    {
        if (kind is not (null or PaymentLineKinds.Paid or PaymentLineKinds.Rejected or PaymentLineKinds.Recovered))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["one of paid, rejected, recovered"] },
                type: ProblemTypes.Validation, title: "The request has invalid fields.");
        }

        return await StatementAsync(paymentId, kind, context, actors, remittances, cancellation) is { } statement ? TypedResults.Ok(statement) : NotFound(context);
    }

    private static async Task<IResult> CsvAsync(string paymentId, HttpContext context, Actors actors, Remittances remittances, CancellationToken cancellation) =>
        await StatementAsync(paymentId, null, context, actors, remittances, cancellation) is { } statement
            ? TypedResults.File(Remittances.Csv(statement), "text/csv; charset=utf-8", statement.PaymentId + ".csv")
            : NotFound(context);

    private static async Task<RemittanceStatement?> StatementAsync(
        string paymentId, string? kind, HttpContext context, Actors actors, Remittances remittances, CancellationToken cancellation) =>
        paymentId.Length <= 35 && await actors.OfAsync(context, Channels.Api, cancellation) is { } actor
            ? await remittances.ReadAsync(actor.PracticeId, paymentId, kind, cancellation)
            : null;

    private static IResult NotFound(HttpContext context) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound,
        title: "Not found", detail: "This practice has no payment with this identifier.", instance: context.Request.Path);

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["a date YYYY-MM-DD"];
        return null;
    }

    private static int Number(string? text, string field, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = [string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}")];
        return fallback;
    }
}
