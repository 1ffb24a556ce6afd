namespace Matching.Api;

/// <summary>API keys (section <c>Auth</c>). With no <see cref="AdminKey"/> every request is tenant <c>default</c> with every role.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The ops key given in configuration (e.g. <c>Auth__AdminKey</c>): it creates the other keys. Keys are checked only when it is set.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Lets a cluster (ConnectionStrings:redis) run with no keys at all: every caller is tenant default with every role.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>How often each API process reads the key registry: a revoked key stops working within about this long.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests per second each key may make, and the burst above it, before 429 (only when keys are checked).</summary>
    public int PermitsPerSecond { get; set; } = 1_000;

    public int Burst { get; set; } = 2_000;

    public bool KeysChecked => !string.IsNullOrEmpty(AdminKey);
}
