using Polly;
using Polly.Retry;

namespace Matching.Api;

/// <summary>
/// Retries a grain call that failed because a silo died or could not be reached, for idempotent operations only
/// (a PUT of the same item, a read, a withdrawal): bounded (3 retries, about 1.5 s of backoff in all, with jitter),
/// so that a call pending on a silo that was just lost is answered from its new activation instead of failing.
/// Anything else (a rule the grain enforced, storage unreachable) is not retried: the error handler answers it
/// (503 for an unreachable cluster or storage, within Redis's 2 s timeout).
/// </summary>
public static class ClusterRetry
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(250),
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsSiloLoss),
        })
        .Build();

    /// <summary>Runs an idempotent grain call with retries.</summary>
    public static ValueTask<T> Idempotent<T>(Func<Task<T>> call, CancellationToken cancellation = default) =>
        Pipeline.ExecuteAsync(async _ => await call(), cancellation);

    /// <summary>Runs an idempotent grain call that answers nothing, with retries.</summary>
    public static ValueTask Idempotent(Func<Task> call, CancellationToken cancellation = default) =>
        Pipeline.ExecuteAsync(async _ => await call(), cancellation);

    /// <summary>Failures that mean the call did not reach a live activation, or its silo died while it ran.</summary>
    public static bool IsSiloLoss(Exception e) =>
        e is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
            // Orleans' response timeout: the target's silo died with the call pending (the call may have run:
            // hence idempotent operations only). Redis's own timeouts are storage down: fail fast instead.
            or TimeoutException and not StackExchange.Redis.RedisTimeoutException;
}
