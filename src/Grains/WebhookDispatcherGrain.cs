using Orleans.Streams;
using Orleans.Streams.Core;

namespace Matching.Grains;

/// <summary>
/// Hands one partition stream's shortlist changes to the webhooks whose kinds include the change's owner. Keyed by
/// the partition stream key and activated by the stream (implicit subscription), so no one has to subscribe it.
/// It only enqueues into <see cref="WebhookDelivery"/> (no HTTP in a grain turn): the stream, and so the item grains
/// that publish to it, never wait on a receiver.
/// </summary>
[ImplicitStreamSubscription(ShortlistStreams.Namespace)]
public sealed class WebhookDispatcherGrain(WebhookDelivery delivery)
    : Grain, IWebhookDispatcherGrain, IStreamSubscriptionObserver, IAsyncObserver<ShortlistChanged>
{
    // The registry pushes every change one-way; this catches a push lost with a silo, at one small call a minute.
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private WebhookSet _set = new(-1, []);

    private string Partition => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        this.RegisterGrainTimer(RefreshAsync, RefreshPeriod, RefreshPeriod);
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<ShortlistChanged>().ResumeAsync(this);

    public Task OnNextAsync(ShortlistChanged item, StreamSequenceToken? token = null)
    {
        var kind = WebhookRules.KindOf(item.Owner);
        byte[]? body = null;
        foreach (var webhook in _set.Webhooks)
        {
            if (webhook.Spec.Kinds.HasFlag(kind))
            {
                body ??= WebhookPayload.Serialize(item);
                delivery.Enqueue(Partition, webhook, $"{WebhookRules.KindName(kind)}:{item.Id}", item.EventId, body);
            }
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task UpdateAsync(WebhookSet set)
    {
        if (set.Version > _set.Version)
        {
            _set = set;
            delivery.Retain(Partition, set);
        }

        return Task.CompletedTask;
    }

    public Task<Dictionary<string, WebhookStats>> GetStatsAsync() => Task.FromResult(delivery.Stats(Partition));

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var tenant = Partition[..Partition.LastIndexOf('/')];
        await UpdateAsync(await GrainFactory.GetGrain<IWebhookRegistryGrain>(tenant).GetSetAsync());
    }
}
