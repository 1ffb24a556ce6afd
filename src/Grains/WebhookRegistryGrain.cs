namespace Matching.Grains;

/// <summary>
/// The webhooks of one tenant. A change is written, then pushed one-way to the tenant's partition dispatchers, so
/// that no event has to ask the registry which webhooks exist (the registry is never on the path of an event).
/// </summary>
public sealed class WebhookRegistryGrain(
    [PersistentState("webhooks", WebhookSiloBuilderExtensions.Storage)] IPersistentState<WebhookRegistryState> state,
    TimeProvider clock)
    : Grain, IWebhookRegistryGrain
{
    private string Tenant => this.GetPrimaryKeyString();

    public async Task<WebhookPutResult> PutAsync(string name, WebhookSpec spec)
    {
        var errors = WebhookRules.Validate(spec);
        if (!ItemRules.IsValidId(name))
        {
            errors["name"] = [ItemRules.IdMessage];
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")), nameof(spec));
        }

        var now = clock.GetUtcNow();
        var created = !state.State.Webhooks.TryGetValue(name, out var record);
        if (created && state.State.Webhooks.Count >= WebhookRules.MaxWebhooks)
        {
            return new WebhookPutResult(WebhookPutOutcome.Full, null);
        }

        if (record is not null && record.Spec == spec)
        {
            return new WebhookPutResult(WebhookPutOutcome.Replaced, Info(name, record));
        }

        record ??= new WebhookRecord { Spec = spec, CreatedAt = now };
        record.Spec = spec;
        record.UpdatedAt = now;
        state.State.Webhooks[name] = record;
        state.State.Version++;
        await state.WriteStateAsync();
        Publish();
        return new WebhookPutResult(created ? WebhookPutOutcome.Created : WebhookPutOutcome.Replaced, Info(name, record));
    }

    public async Task<bool> DeleteAsync(string name)
    {
        if (!state.State.Webhooks.Remove(name))
        {
            return false;
        }

        state.State.Version++;
        await state.WriteStateAsync();
        Publish();
        return true;
    }

    public Task<WebhookInfo[]> ListAsync() =>
        Task.FromResult(state.State.Webhooks.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => Info(w.Key, w.Value)).ToArray());

    public Task<WebhookSet> GetSetAsync() => Task.FromResult(Set());

    /// <summary>
    /// One-way, so that the registry never waits on a dispatcher (a dispatcher that activates asks the registry for
    /// the set: awaiting it here would be a call cycle). A dispatcher that misses this gets the set when it activates.
    /// </summary>
    private void Publish()
    {
        var set = Set();
        foreach (var key in ShortlistStreams.Keys(Tenant))
        {
            _ = GrainFactory.GetGrain<IWebhookDispatcherGrain>(key).UpdateAsync(set);
        }
    }

    private WebhookSet Set() =>
        new(state.State.Version, state.State.Webhooks.Select(w => new Webhook(w.Key, w.Value.Spec)).ToArray());

    private static WebhookInfo Info(string name, WebhookRecord r) => new(name, r.Spec.Url, r.Spec.Kinds, r.CreatedAt, r.UpdatedAt);
}
