namespace Matching.Api;

/// <summary>RFC 9457 problem documents for the errors the API answers with.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string title, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "The request is invalid.");

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(detail: $"No {what} '{id}' is stored.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(detail: $"The body must be at most {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.");

    public static ProblemHttpResult UnsupportedMediaType(string[] accepted) =>
        TypedResults.Problem(
            detail: $"Send the body as {string.Join(" or ", accepted)}{(accepted.Contains(RequestBody.Zip) ? "" : " in UTF-8")}.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The service is unavailable.");

    public static ValidationProblem InvalidId(string id) =>
        Validation(new Dictionary<string, string[]> { ["id"] = [ItemRules.IdMessage] }, $"'{Truncate(id)}' is not a valid id.");

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
