using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matching.Api;

/// <summary>Ready when a grain call reaches the cluster and the silo has its model loaded.</summary>
public sealed class ReadyCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await grains.GetGrain<ISearchGrain>(0).GetStatusAsync(GrainKeys.DefaultTenant).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"model {status.ModelVersion}");
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return HealthCheckResult.Unhealthy("the cluster did not answer", e);
        }
    }
}
