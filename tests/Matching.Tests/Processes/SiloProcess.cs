namespace Matching.Tests.Processes;

/// <summary>A silo process and the ports it was given.</summary>
public sealed record SiloProcess(int Number, StartedProcess Process, int SiloPort, int GatewayPort)
{
    public override string ToString() => $"silo{Number} (pid {Process.Id}, silo port {SiloPort}, gateway {GatewayPort})";
}
