using System.Text.Json;
using Matching.Contracts.Input;

namespace Matching.Api;

/// <summary>What differs between the offer and need endpoints; everything else is shared in <see cref="ItemsApi"/>.</summary>
public sealed record ItemKind<TData, TGrain, TResponse, TShortlistResponse>(
    string Singular,
    string Plural,
    Side Side,
    Func<JsonElement, ItemReader.IdRule, (string? Id, TData? Item, Dictionary<string, string[]> Errors)> Read,
    Func<Stored<TData>, TResponse> Response,
    Func<string, Shortlist, TShortlistResponse> ShortlistResponse,
    Func<ISearchGrain, string, BatchItem<TData>[], CancellationToken, Task> Import)
    where TData : class
    where TGrain : IItemGrain<TData>;
