using System.Reflection;

namespace Matching.Grains;

/// <summary>
/// The models of this silo, loaded once per process and shared by every grain (not one per grain): the text
/// featurizer, fixed for the process, and the active ranker, which activation swaps without a restart.
/// </summary>
public sealed class ModelHost
{
    /// <summary>The version of the bundled default ranker (models/default.zip); it changes when the file does.</summary>
    public const string DefaultVersion = "default-3";

    private static readonly Lazy<Ranker> Bundled = new(LoadBundled);
    private Ranker? _ranker;

    /// <summary>Featurizes item texts for the index and the pair features.</summary>
    public TextModel Featurizer => DefaultFeaturizer.Model;

    /// <summary>The ranker that scores pairs now. Reads see either the old or the new one, never a mix.</summary>
    public Ranker Ranker => Volatile.Read(ref _ranker) ?? Bundled.Value;

    /// <summary>The version shortlists report: the active ranker's.</summary>
    public string Version => Ranker.Version;

    /// <summary>Makes <paramref name="ranker"/> the scorer of every later computation in this silo.</summary>
    public void Activate(Ranker ranker) => Volatile.Write(ref _ranker, ranker);

    /// <summary>The bundled default model, always available (a fresh clone serves learned shortlists with no set-up).</summary>
    public static Ranker Default => Bundled.Value;

    /// <summary>The bundled default model file's bytes.</summary>
    public static byte[] DefaultFile()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("default.zip")
            ?? throw new InvalidOperationException("resource default.zip is missing from the build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static Ranker LoadBundled() => Ranker.Load(DefaultFile(), DefaultFeaturizer.Version);
}
