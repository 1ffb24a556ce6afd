namespace Matching.Grains;

/// <summary>
/// The embedded store: one folder holding <c>{version}.zip</c> per model and a file <c>active</c> with the active
/// version. Every write goes to a temporary file first and is then renamed into place, so that a crash leaves either
/// the old or the new content, never half a file. The folder is created on the first write.
/// </summary>
public sealed class FolderModelStore(string path) : IModelStore
{
    private const string ActiveFile = "active";
    private const string Extension = ".zip";

    /// <summary>The folder used when <see cref="ModelOptions.ModelsPath"/> is not set: per user, outside the repository.</summary>
    public static string DefaultPath
    {
        get
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            // No home directory (some service accounts): next to the program rather than the working directory.
            return Path.Combine(string.IsNullOrEmpty(local) ? AppContext.BaseDirectory : local, "matching", "models");
        }
    }

    /// <summary>The folder, as a full path.</summary>
    public string Folder { get; } = Path.GetFullPath(path);

    public async Task<bool> AddAsync(string version, byte[] file)
    {
        var target = FileOf(version);
        if (File.Exists(target))
        {
            return false;
        }

        var temp = await WriteTempAsync(file);
        try
        {
            // No overwrite: if another writer got there first, its file stays and this one is refused.
            File.Move(temp, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
        finally
        {
            File.Delete(temp); // nothing when the move succeeded
        }
    }

    public async Task<byte[]?> ReadAsync(string version)
    {
        try
        {
            return await File.ReadAllBytesAsync(FileOf(version));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<string[]> VersionsAsync()
    {
        if (!Directory.Exists(Folder))
        {
            return Task.FromResult(Array.Empty<string>());
        }

        // Only names this store could have written: temporary files and stray files are not models.
        var versions = Directory.EnumerateFiles(Folder, "*" + Extension)
            .Select(f => Decode(Path.GetFileNameWithoutExtension(f)))
            .Where(ModelVersions.IsValid)
            .ToArray();
        return Task.FromResult(versions);
    }

    public async Task<string?> GetActiveAsync()
    {
        try
        {
            var version = (await File.ReadAllTextAsync(Path.Combine(Folder, ActiveFile))).Trim();
            return ModelVersions.IsValid(version) ? version : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task SetActiveAsync(string version)
    {
        var temp = await WriteTempAsync(System.Text.Encoding.UTF8.GetBytes(version + "\n"));
        try
        {
            File.Move(temp, Path.Combine(Folder, ActiveFile), overwrite: true); // a rename: atomic on one file system
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes the bytes to a new temporary file in the folder, flushed to disk, and returns its path.</summary>
    private async Task<string> WriteTempAsync(byte[] bytes)
    {
        Directory.CreateDirectory(Folder);
        var temp = Path.Combine(Folder, $".{Guid.NewGuid():N}.tmp");
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await stream.WriteAsync(bytes);
            stream.Flush(flushToDisk: true); // the rename must not publish a file whose bytes are still only in the cache
        }

        return temp;
    }

    private string FileOf(string version)
    {
        if (!ModelVersions.IsValid(version))
        {
            throw new ArgumentException($"'{version}' is not a valid model version", nameof(version));
        }

        return Path.Combine(Folder, Encode(version) + Extension);
    }

    // Versions may contain ':', which Windows does not allow in file names; '%' is not a version character, so the
    // escape cannot be confused with a version.
    private static string Encode(string version) => version.Replace(":", "%3A", StringComparison.Ordinal);

    private static string Decode(string name) => name.Replace("%3A", ":", StringComparison.Ordinal);
}
