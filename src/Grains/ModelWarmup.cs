using Microsoft.Extensions.Hosting;

namespace Matching.Grains;

/// <summary>
/// Loads the model (and jieba's dictionary) while the host starts, so that the first write does not pay for it
/// inside a grain turn and readiness means a model is loaded.
/// </summary>
internal sealed class ModelWarmup(ModelHost models) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => models.Active, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
