namespace Matching.Grains;

/// <summary>Where the model registry keeps its files, and how often silos look for a new active model (section "Matching").</summary>
public sealed class ModelOptions
{
    /// <summary>Folder of the embedded store; null or empty means <see cref="FolderModelStore.DefaultPath"/>.</summary>
    public string? ModelsPath { get; set; }

    /// <summary>How often each silo asks the registry for the active version: the longest an activation takes to reach a silo.</summary>
    public TimeSpan ModelPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
