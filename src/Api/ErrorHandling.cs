using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace Matching.Api;

/// <summary>
/// Turns what escapes an endpoint into a problem document: a rule the grain enforced is 400, a cluster or
/// storage that cannot be reached is 503, and so is a write refused by admission control (with Retry-After).
/// Nothing malformed should reach here: the endpoints check input first.
/// </summary>
public sealed class ErrorHandler(IProblemDetailsService problems, ILogger<ErrorHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException e => (e.StatusCode, "The request is invalid.", e.Message),
            ArgumentException e => (StatusCodes.Status400BadRequest, "The request is invalid.", e.Message),
            BacklogFullException e => (StatusCodes.Status503ServiceUnavailable, "The service is overloaded.", e.Message),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", null),
            TimeoutException or OrleansException or OperationCanceledException or StackExchange.Redis.RedisException =>
                (StatusCodes.Status503ServiceUnavailable, "The service is unavailable.", "The cluster or its storage did not answer; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error.", null),
        };
        if (status >= 500 && exception is not BacklogFullException)
        {
            log.LogError(exception, "Request {Method} {Path} failed with {Status}", http.Request.Method, http.Request.Path, status);
        }

        http.Response.StatusCode = status;
        if (exception is BacklogFullException full)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(full.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
