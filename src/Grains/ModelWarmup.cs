using Microsoft.Extensions.Hosting;

namespace Matching.Grains;

/// <summary>
/// Loads the featurizer (and jieba's dictionary) and the ranker while the host starts, so that the first write does not pay for it
/// inside a grain turn and readiness means a model is loaded.
/// </summary>
internal sealed class ModelWarmup(ModelHost models) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => (models.Featurizer, models.Ranker), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
