using System.ComponentModel;

namespace Matching.Api;

/// <summary>The body of <c>POST /v1/keys</c> as the OpenAPI document shows it; <c>ApiKeyReader</c> reads it.</summary>
public sealed record KeyBody(
    [property: Description("The tenant the key acts for: 1 to 63 of a-z 0-9 -.")] string Tenant,
    [property: Description("portal, datascience or ops.")] string Role,
    [property: Description("Who holds the key, for the listing.")] string Name);
