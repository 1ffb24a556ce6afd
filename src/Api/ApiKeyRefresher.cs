namespace Matching.Api;

/// <summary>Reads the key registry into <see cref="ApiKeyCache"/> every period while keys are checked; a failed read keeps the last set.</summary>
public sealed class ApiKeyRefresher(ApiKeyCache cache, IOptions<AuthOptions> options, TimeProvider clock, ILogger<ApiKeyRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.KeysChecked)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RefreshPeriod, clock);
        do
        {
            try
            {
                await cache.RefreshAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("The key registry could not be read ({Message}); the last set stays in use.", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
