namespace Matching.Api;

/// <summary>RFC 9457 problem documents for the errors the API answers with.</summary>
public static class Problems
{
    public static IResult BadRequest(string title, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static IResult Validation(IDictionary<string, string[]> errors, string detail = "One or more fields are invalid.") =>
        TypedResults.ValidationProblem(errors, detail: detail, title: "The request is invalid.");

    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(detail: $"No {what} '{id}' is stored.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static IResult TooLarge(long maxBytes) =>
        TypedResults.Problem(detail: $"The body must be at most {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.");

    public static IResult UnsupportedMediaType(string expected) =>
        TypedResults.Problem(detail: $"Send the body as {expected} in UTF-8.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.");

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The service is unavailable.");

    public static IResult InvalidId(string id) => Validation(new Dictionary<string, string[]> { ["id"] = [Contracts.ItemRules.IdMessage] }, $"'{Truncate(id)}' is not a valid id.");

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
