using System.IO.Compression;
using System.Text.Json;
using Orleans.Concurrency;

namespace Matching.Grains;

/// <summary>
/// The registered models and the active pointer of the cluster (DESIGN.md "Model registry"). The files and the
/// pointer live in the <see cref="IModelStore"/>, so that the registry survives its own deactivation and a restart;
/// the grain only remembers each model's metadata, and serializes writes so that a version is stored at most once.
/// The bundled default is always registered and never stored: every silo has it.
/// </summary>
public sealed class ModelRegistryGrain(IModelStore store, ILogger<ModelRegistryGrain> log) : Grain, IModelRegistryGrain
{
    private readonly Dictionary<string, ModelInfo> _stored = new(StringComparer.Ordinal);
    private string _active = ModelHost.DefaultVersion;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var version in await store.VersionsAsync())
        {
            // Only the metadata: loading each ML.NET pipeline would cost seconds for nothing, and the files were
            // validated when they were registered.
            if (await store.ReadAsync(version) is not { } file)
            {
                continue;
            }

            try
            {
                var metadata = ReadMetadata(file);
                if (metadata.Version != version)
                {
                    log.LogWarning("Model file of version {Version} names version {Named}; it is not listed", version, metadata.Version);
                    continue;
                }

                _stored[version] = Info(metadata);
            }
            catch (InvalidModelException e)
            {
                log.LogWarning("Stored model {Version} is unreadable and not listed: {Reason}", version, e.Message);
            }
        }

        var active = await store.GetActiveAsync() ?? ModelHost.DefaultVersion;
        if (active != ModelHost.DefaultVersion && !_stored.ContainsKey(active))
        {
            // The pointer is kept as it is (the file may come back), but silos cannot load what is not there.
            log.LogError("The active model {Version} is not stored; serving the bundled default {Default}", active, ModelHost.DefaultVersion);
            active = ModelHost.DefaultVersion;
        }

        _active = active;
    }

    /// <summary>
    /// The most a model file may unpack to. A trained model unpacks to a few times its size; a small zip that claims
    /// gigabytes (a zip bomb) would otherwise be unpacked into memory by the validation.
    /// </summary>
    public const long MaxUnpackedBytes = 1L << 30;

    public async Task<ModelRegistration> RegisterAsync(byte[] file)
    {
        if (UnpackedSize(file) > MaxUnpackedBytes)
        {
            return new ModelRegistration(ModelRegisterOutcome.Invalid, null, null, $"it unpacks to more than {MaxUnpackedBytes} bytes");
        }

        Ranker ranker;
        try
        {
            // Loading and probing the ML.NET model is CPU work: off the grain scheduler's threads.
            ranker = await Task.Run(() => Ranker.Load(file, DefaultFeaturizer.Version));
        }
        catch (InvalidModelException e)
        {
            return new ModelRegistration(ModelRegisterOutcome.Invalid, null, null, e.Message);
        }

        var version = ranker.Version;
        if (version == ModelHost.DefaultVersion || _stored.ContainsKey(version) || !await store.AddAsync(version, file))
        {
            return new ModelRegistration(ModelRegisterOutcome.Duplicate, null, version, $"version '{version}' is already registered");
        }

        var info = Info(ranker.Metadata);
        _stored[version] = info;
        log.LogInformation("Registered model {Version} ({Trainer})", version, info.Trainer);
        return new ModelRegistration(ModelRegisterOutcome.Registered, info with { Active = false }, version, null);
    }

    [ReadOnly]
    public Task<ModelList> ListAsync()
    {
        var models = new List<ModelInfo>(_stored.Count + 1) { Info(ModelHost.Default.Metadata) };
        models.AddRange(_stored.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Version, StringComparer.Ordinal));
        return Task.FromResult(new ModelList(_active, models.Select(m => m with { Active = m.Version == _active }).ToArray()));
    }

    public async Task<bool> ActivateAsync(string version)
    {
        if (version != ModelHost.DefaultVersion && !_stored.ContainsKey(version))
        {
            return false;
        }

        // Stored before it is answered or served, so that a restart comes back to the same model.
        await store.SetActiveAsync(version);
        if (_active != version)
        {
            log.LogInformation("Activated model {Version} (was {Previous})", version, _active);
        }

        _active = version;
        return true;
    }

    [ReadOnly]
    public Task<string> GetActiveAsync() => Task.FromResult(_active);

    [ReadOnly]
    public Task<byte[]?> GetFileAsync(string version) =>
        _stored.ContainsKey(version) ? store.ReadAsync(version) : Task.FromResult<byte[]?>(null);

    // Only finite metrics: JSON cannot carry NaN, and a metric that is not a number says nothing.
    private static ModelInfo Info(ModelMetadata m) =>
        new(m.Version, m.CreatedAt, m.Trainer, Finite(m.Metrics), Active: false) { Baseline = Finite(m.Baseline) };

    private static Dictionary<string, double> Finite(Dictionary<string, double> metrics) =>
        metrics.Where(p => double.IsFinite(p.Value)).ToDictionary(StringComparer.Ordinal);

    /// <summary>The sizes the zip's entries declare, which bound what unpacking them produces; 0 when it is not a zip (the load says why).</summary>
    private static long UnpackedSize(byte[] file)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Sum(e => e.Length);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or OverflowException)
        {
            return e is OverflowException ? long.MaxValue : 0;
        }
    }

    /// <summary>The metadata of a model file without loading its pipeline.</summary>
    private static ModelMetadata ReadMetadata(byte[] file)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(file, writable: false), ZipArchiveMode.Read);
            using var entry = (zip.GetEntry("model.json") ?? throw new InvalidModelException("the zip has no model.json")).Open();
            return JsonSerializer.Deserialize<ModelMetadata>(entry, JsonSerializerOptions.Web) ?? throw new InvalidModelException("model.json is empty");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            throw new InvalidModelException($"not a model file: {e.Message}", e);
        }
    }
}
