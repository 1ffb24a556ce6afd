namespace Matching.Contracts;

/// <summary>Which webhook targets may be registered and connected to (SSRF), bound from the "Webhooks" section by the Api and every silo.</summary>
public sealed class WebhookTargetOptions
{
    /// <summary>The configuration section, shared with the delivery options.</summary>
    public const string Section = "Webhooks";

    /// <summary>Development only: allows plain <c>http</c>, and loopback addresses, for receivers on this machine. Off by default.</summary>
    public bool AllowHttpLoopback { get; set; }

    /// <summary>
    /// Private targets an operator trusts, despite the address rules: CIDR ranges (<c>10.20.0.0/16</c>, <c>fd00::/8</c>),
    /// single addresses, or host names (matched exactly, case-insensitively). Empty by default: public https targets only.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}
