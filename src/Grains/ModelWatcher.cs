using Microsoft.Extensions.Hosting;

namespace Matching.Grains;

/// <summary>
/// Makes this silo serve the registry's active model: asks the registry for the active version every
/// <see cref="ModelOptions.ModelPollInterval"/>, and when it differs from what <see cref="ModelHost"/> runs, fetches
/// the file once, loads it and swaps it in. Polling rather than a push keeps it simple and self-healing: a silo that
/// missed an activation (it was starting, the call failed) catches up on its next poll. A model that fails to load
/// is logged and tried again later; the silo keeps serving the model it has.
/// </summary>
public sealed class ModelWatcher(
    IGrainFactory grains, ModelHost host, IOptions<ModelOptions> options, TimeProvider clock, ILogger<ModelWatcher> log)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    // Only the start and the loop touch it, one after the other: no lock.
    private (int Failures, DateTimeOffset RetryAt)? _failed;

    /// <summary>
    /// One step now: makes this silo run the registry's active model, and returns its version. The Api calls it
    /// after an activation so that the activation is served by this process when the HTTP call returns.
    /// </summary>
    /// <exception cref="InvalidModelException">The active model's file does not load here.</exception>
    public async Task<string> SyncAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var active = await grains.GetGrain<IModelRegistryGrain>(ModelRegistry.Key).GetActiveAsync().WaitAsync(cancellationToken);
            if (active == host.Version)
            {
                return active;
            }

            if (active == ModelHost.DefaultVersion)
            {
                host.Activate(ModelHost.Default);
            }
            else
            {
                var file = await grains.GetGrain<IModelRegistryGrain>(ModelRegistry.Key).GetFileAsync(active).WaitAsync(cancellationToken)
                    ?? throw new InvalidModelException($"the registry has no file for the active version '{active}'");
                // The ML.NET load is CPU work of up to seconds: not on the caller's thread.
                host.Activate(await Task.Run(() => Ranker.Load(file, DefaultFeaturizer.Version), cancellationToken));
            }

            log.LogInformation("This silo now serves model {Version}", active);
            return active;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The first sync happens before the host finishes starting, so that a restarted silo serves the active model from its first request.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TrySyncAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ModelPollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (_failed is { } f && clock.GetUtcNow() < f.RetryAt)
            {
                continue;
            }

            await TrySyncAsync(stoppingToken);
        }
    }

    /// <summary>
    /// A sync that never throws (an exception here would stop the host): the failure is logged, and a model that
    /// does not load is retried with backoff.
    /// </summary>
    private async Task TrySyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken);
            _failed = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (InvalidModelException e)
        {
            // Fetching and loading a large file every poll would be wasteful: wait twice as long after each failure.
            var failures = (_failed?.Failures ?? 0) + 1;
            var delay = TimeSpan.FromTicks(Math.Min(options.Value.ModelPollInterval.Ticks << Math.Min(failures, 16), MaxRetryDelay.Ticks));
            _failed = (failures, clock.GetUtcNow() + delay);
            log.LogError(e, "The active model does not load in this silo (attempt {Failures}); still serving {Version}, retrying in {Delay}", failures, host.Version, delay);
        }
        catch (Exception e)
        {
            // The registry or its store did not answer: try again on the next poll.
            log.LogWarning(e, "Could not ask the model registry for the active model; still serving {Version}", host.Version);
        }
    }
}
