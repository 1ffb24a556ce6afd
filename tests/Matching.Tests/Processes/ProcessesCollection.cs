namespace Matching.Tests.Processes;

[CollectionDefinition(Name)]
public sealed class ProcessesCollection : ICollectionFixture<ClusterProcesses>
{
    public const string Name = "processes";
}
